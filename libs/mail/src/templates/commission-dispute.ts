import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

// The instant helper needs a string: only the manager's and FINANCE's emails carry a due time.
const intro = '{{#if dueAt}}{{t "commissionDispute.intro" role person=person.name period=period total=(money total currency) due=(instant dueAt)}}'
  + '{{else}}{{t "commissionDispute.intro" role person=person.name period=period total=(money total currency) outcome=outcome}}{{/if}}';

/** A commission dispute: to the manager, then FINANCE and ADMIN as SLAs pass; the outcome to the person. */
export const commissionDisputeTemplate: EmailTemplate<'commission-dispute'> = {
  subject: (data, t) => t(`commissionDispute.subject.${data.role}`, { person: data.person.name, period: data.period, outcome: data.outcome ?? '' }),

  html: `<p style="${style.strong}">${intro}</p>
<p style="${style.p}">{{label "commissionDispute.reason"}}{{reason}}</p>
{{#if comment}}<p style="${style.p}">{{label "commissionDispute.comment"}}{{comment}}</p>{{/if}}
<p style="${style.small}">{{t "commissionDispute.ids" dispute=disputeId statement=statementId}}</p>`,

  text: `${intro}

{{label "commissionDispute.reason"}}{{reason}}
{{#if comment}}{{label "commissionDispute.comment"}}{{comment}}
{{/if}}
{{t "commissionDispute.ids" dispute=disputeId statement=statementId}}`,
};
