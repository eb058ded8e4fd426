import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

export const approvalEscalationTemplate: EmailTemplate<'approval-escalation'> = {
  subject: (data, t) => t('escalation.subject', { title: data.contract.title, id: data.contract.id }),

  html: `<p style="${style.strong}">{{t "escalation.intro" approver=approver.name email=approver.email stage=stage.name level=level}}</p>
<p style="${style.p}">{{t "escalation.right"}}</p>
{{> actionButton}}
{{> contractSummary}}
`,

  text: `{{t "escalation.intro" approver=approver.name email=approver.email stage=stage.name level=level}}
{{t "escalation.right"}}

{{> actionText}}

{{> contractSummaryText}}
`,
};
