import type { EmailTemplate } from '../email-template.js';
import { overdueDaysText } from './revisit-digest.js';
import { style } from './styles.js';

const INTRO = (overdue: string) =>
  `{{t "visitOverdue.intro" owner=owner.name email=owner.email customer=visit.customer.name overdue=(t ${overdue})}}`;
const intro = `{{#if (gt visit.overdueDays 1)}}${INTRO('"digest.overdueDays" days=visit.overdueDays')}{{else}}${INTRO('"digest.overdueOneDay"')}{{/if}}`;

export const visitOverdueEscalationTemplate: EmailTemplate<'visit-overdue-escalation'> = {
  subject: (data, t) => {
    const days = data.visit.overdueDays;
    const overdue = days > 1 ? t('digest.overdueDays', { days }) : t('digest.overdueOneDay');
    return t('visitOverdue.subject', { customer: data.visit.customer.name, code: data.visit.customer.code, overdue });
  },

  html: `<p style="${style.strong}">${intro}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
<tr><th scope="row" style="${style.kvKey}">{{t "digest.customer"}}</th><td style="${style.kvValue}">{{visit.customer.name}} ({{visit.customer.code}})</td></tr>
<tr><th scope="row" style="${style.kvKey}">{{t "digest.tier"}}</th><td style="${style.kvValue}">{{visit.customer.tier}}</td></tr>
<tr><th scope="row" style="${style.kvKey}">{{t "visitOverdue.kind"}}</th><td style="${style.kvValue}">{{t "visitKind" visit.kind}}</td></tr>
<tr><th scope="row" style="${style.kvKey}">{{t "digest.due"}}</th><td style="${style.kvValue}">{{instant visit.dueAt}}</td></tr>
<tr><th scope="row" style="${style.kvKey}">{{t "digest.overdue"}}</th><td style="${style.kvValue}">${overdueDaysText('visit.overdueDays')}</td></tr>
<tr><th scope="row" style="${style.kvKey}">{{t "visitOverdue.visitId"}}</th><td style="${style.kvValue}">{{visit.visitId}}</td></tr>
</table>
<p style="${style.p}">{{t "visitOverdue.action" owner=owner.name}}</p>
<p style="${style.small}">{{t "visitOverdue.once"}}</p>
`,

  text: `${intro}

  {{label "digest.customer"}}{{visit.customer.name}} ({{visit.customer.code}})
  {{label "digest.tier"}}{{visit.customer.tier}}
  {{label "visitOverdue.kind"}}{{t "visitKind" visit.kind}}
  {{label "digest.due"}}{{instant visit.dueAt}}
  {{label "digest.overdue"}}${overdueDaysText('visit.overdueDays')}
  {{label "visitOverdue.visitId"}}{{visit.visitId}}

{{t "visitOverdue.action" owner=owner.name}}
{{t "visitOverdue.once"}}
`,
};
