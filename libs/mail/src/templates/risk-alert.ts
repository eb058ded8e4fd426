import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const intro = '{{t "riskAlert.intro" customer=customer.name code=customer.code tier=customer.tier owner=owner.name email=owner.email}}';
const occasion = '{{t "riskAlert.occasion" occasion}}';
const never = '{{t "riskAlert.never"}}';

/** Evidence rows per rule: [label, value] pairs; exactly one of the four evidence objects is set. */
const EVIDENCE: Record<'satisfaction' | 'complaints' | 'contract' | 'visit', [string, string][]> = {
  satisfaction: [
    ['{{t "riskAlert.satisfaction.recent" days=windowDays}}', '{{t "riskAlert.ratings" average=recentAverage count=recentCount}}'],
    ['{{t "riskAlert.satisfaction.previous" days=windowDays}}', '{{t "riskAlert.ratings" average=previousAverage count=previousCount}}'],
    ['{{t "riskAlert.satisfaction.drop"}}', '{{t "riskAlert.dropValue" drop=drop threshold=threshold}}'],
  ],
  complaints: [
    ['{{t "riskAlert.complaints.recent" days=windowDays}}', '{{recentCount}}'],
    ['{{t "riskAlert.complaints.previous" days=windowDays}}', '{{previousCount}}'],
    ['{{t "riskAlert.complaints.rule"}}', '{{t "riskAlert.complaints.ruleValue" factor=factor minimum=minimum}}'],
  ],
  contract: [
    ['{{t "riskAlert.contract.last"}}', `{{#if lastApprovedAt}}{{instant lastApprovedAt}}{{else}}${never}{{/if}}`],
    ['{{t "riskAlert.contract.days"}}', '{{t "riskAlert.contract.daysValue" days=days threshold=thresholdDays}}'],
  ],
  visit: [
    ['{{t "riskAlert.visit.last"}}', `{{#if lastCompletedAt}}{{instant lastCompletedAt}}{{else}}${never}{{/if}}`],
    ['{{t "riskAlert.visit.days"}}', '{{t "riskAlert.visit.daysValue" days=workingDays threshold=thresholdWorkingDays factor=factor cadence=cadenceDays}}'],
  ],
};

const evidence = (row: (label: string, value: string) => string) =>
  (Object.keys(EVIDENCE) as (keyof typeof EVIDENCE)[])
    .map((name) => `{{#with ${name}}}\n${EVIDENCE[name].map(([label, value]) => row(label, value)).join('\n')}\n{{/with}}`)
    .join('\n');

const htmlRow = (label: string, value: string) => `<tr><th scope="row" style="${style.kvKey}">${label}</th><td style="${style.kvValue}">${value}</td></tr>`;
const textRow = (label: string, value: string) => `  ${label}{{t "colon"}}${value}`;

const COUNTERMEASURES = ['offer', 'feedback', 'contact'];

export const riskAlertTemplate: EmailTemplate<'risk-alert'> = {
  subject: (data, t) => {
    const params = { customer: data.customer.name, code: data.customer.code };
    switch (data.rule) {
      case 'satisfaction_trend':
        return t('riskAlert.subject.satisfaction_trend', params);
      case 'complaint_spike':
        return t('riskAlert.subject.complaint_spike', params);
      case 'no_recent_contract':
        return t('riskAlert.subject.no_recent_contract', { ...params, days: data.contract?.days ?? 0 });
      case 'no_recent_visit':
        return t('riskAlert.subject.no_recent_visit', { ...params, days: data.visit?.workingDays ?? 0 });
    }
  },

  html: `<p style="${style.strong}">${intro}</p>
<p style="${style.p}">${occasion}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
${htmlRow('{{t "riskAlert.ruleLabel"}}', '{{t "riskAlert.rule" rule}}')}
${htmlRow('{{t "riskAlert.severity"}}', '{{severity}}')}
${htmlRow('{{t "riskAlert.alertId"}}', '{{alertId}}')}
</table>
<h2 style="${style.h2}">{{t "riskAlert.evidenceHeading"}}</h2>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
${evidence(htmlRow)}
</table>
{{#if satisfaction}}<p style="${style.small}">{{t "riskAlert.satisfaction.source"}}</p>{{/if}}
<h2 style="${style.h2}">{{t "riskAlert.countermeasuresHeading"}}</h2>
<ul style="${style.list}">
${COUNTERMEASURES.map((name) => `<li>{{t "riskAlert.countermeasure.${name}"}}</li>`).join('\n')}
</ul>
<p style="${style.p}">{{t "riskAlert.action" id=alertId days=cooldownDays}}</p>
`,

  text: `${intro}
${occasion}

  {{label "riskAlert.ruleLabel"}}{{t "riskAlert.rule" rule}}
  {{label "riskAlert.severity"}}{{severity}}
  {{label "riskAlert.alertId"}}{{alertId}}

{{t "riskAlert.evidenceHeading"}}
${evidence(textRow)}
{{#if satisfaction}}{{t "riskAlert.satisfaction.source"}}{{/if}}

{{t "riskAlert.countermeasuresHeading"}}
${COUNTERMEASURES.map((name) => `  - {{t "riskAlert.countermeasure.${name}"}}`).join('\n')}

{{t "riskAlert.action" id=alertId days=cooldownDays}}
`,
};
