import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const segment = '{{t "competitionAlert.segment" region=(orNotSpecified segment.region) productLine=(orNotSpecified segment.productLine) customerType=(orNotSpecified segment.customerType)}}';
const finding = '{{t "competitionAlert.finding" rule recent=recent trailing=trailing threshold=threshold days=windowDays trailingDays=trailingDays}}';

const COUNTERMEASURES = ['plan', 'competitors', 'revisits'];

/** A market competition alert: the segment, what was measured, the records behind it and the handbook's countermeasures. */
export const competitionAlertTemplate: EmailTemplate<'competition-alert'> = {
  subject: (data, t) => t(`competitionAlert.subject.${data.rule}`, {
    region: data.segment.region ?? t('notSpecified'), productLine: data.segment.productLine ?? t('notSpecified'),
  }),

  html: `<p style="${style.strong}">{{t "competitionAlert.intro"}} ${segment}</p>
<p style="${style.p}">{{t "riskAlert.occasion" occasion}}</p>
<p style="${style.p}">${finding}</p>
<p style="${style.small}">{{t "riskAlert.severity"}}{{t "colon"}}{{severity}} · {{t "riskAlert.alertId"}}{{t "colon"}}{{alertId}}</p>
{{#if competitors.length}}
<h2 style="${style.h2}">{{t "competitionAlert.competitorsHeading"}}</h2>
<ul style="${style.list}">
{{#each competitors}}<li>{{name}}: {{count}}</li>
{{/each}}
</ul>
{{/if}}
{{#if series.length}}
<h2 style="${style.h2}">{{t "competitionAlert.seriesHeading"}}</h2>
<ul style="${style.list}">
{{#each series}}<li>{{t "competitionAlert.week" from=from average=(percent average) count=count}}</li>
{{/each}}
</ul>
{{/if}}
{{#if customers.length}}
<h2 style="${style.h2}">{{t "competitionAlert.customersHeading"}}</h2>
<ul style="${style.list}">
{{#each customers}}<li>{{id}}: {{from}} → {{to}}</li>
{{/each}}
</ul>
{{/if}}
{{#if contractIds.length}}
<h2 style="${style.h2}">{{t "competitionAlert.contractsHeading"}}</h2>
<ul style="${style.list}">
{{#each contractIds}}<li>{{this}}</li>
{{/each}}
</ul>
{{/if}}
<h2 style="${style.h2}">{{t "riskAlert.countermeasuresHeading"}}</h2>
<ul style="${style.list}">
${COUNTERMEASURES.map((name) => `<li>{{t "competitionAlert.countermeasure.${name}"}}</li>`).join('\n')}
</ul>
<p style="${style.p}">{{t "riskAlert.action" id=alertId days=cooldownDays}}</p>
`,

  text: `{{t "competitionAlert.intro"}} ${segment}
{{t "riskAlert.occasion" occasion}}

${finding}
  {{label "riskAlert.severity"}}{{severity}}
  {{label "riskAlert.alertId"}}{{alertId}}
{{#if competitors.length}}

{{t "competitionAlert.competitorsHeading"}}
{{#each competitors}}
  - {{name}}: {{count}}
{{/each}}
{{/if}}
{{#if series.length}}

{{t "competitionAlert.seriesHeading"}}
{{#each series}}
  - {{t "competitionAlert.week" from=from average=(percent average) count=count}}
{{/each}}
{{/if}}
{{#if customers.length}}

{{t "competitionAlert.customersHeading"}}
{{#each customers}}
  - {{id}}: {{from}} -> {{to}}
{{/each}}
{{/if}}
{{#if contractIds.length}}

{{t "competitionAlert.contractsHeading"}}
{{#each contractIds}}
  - {{this}}
{{/each}}
{{/if}}

{{t "riskAlert.countermeasuresHeading"}}
${COUNTERMEASURES.map((name) => `  - {{t "competitionAlert.countermeasure.${name}"}}`).join('\n')}

{{t "riskAlert.action" id=alertId days=cooldownDays}}
`,
};
