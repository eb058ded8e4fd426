import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

export const approvalOutcomeTemplate: EmailTemplate<'approval-outcome'> = {
  subject: (data, t) => t(`outcome.subject.${data.outcome}`, { title: data.contract.title, id: data.contract.id }),

  html: `<p style="${style.strong}">{{t "outcome.headline" outcome title=contract.title id=contract.id}}</p>
{{#if decidedBy}}
<p style="${style.p}">{{label "outcome.by" outcome}}{{person decidedBy}}</p>
{{/if}}
{{#if comment}}
<p style="${style.notice}">{{label "outcome.comment"}}{{comment}}</p>
{{/if}}
{{#if autoApprovalReason}}
<p style="${style.p}">{{label "outcome.autoApproval"}}{{autoApprovalReason}}</p>
{{/if}}
<p style="${style.p}">{{t "outcome.next" outcome}}</p>
{{> contractSummary}}
`,

  text: `{{t "outcome.headline" outcome title=contract.title id=contract.id}}
{{#if decidedBy}}
{{label "outcome.by" outcome}}{{person decidedBy}}
{{/if}}
{{#if comment}}
{{label "outcome.comment"}}{{comment}}
{{/if}}
{{#if autoApprovalReason}}
{{label "outcome.autoApproval"}}{{autoApprovalReason}}
{{/if}}
{{t "outcome.next" outcome}}

{{> contractSummaryText}}
`,
};
