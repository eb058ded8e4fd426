import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

export const approvalReminderTemplate: EmailTemplate<'approval-reminder'> = {
  subject: (data, t) => t('reminder.subject', { title: data.contract.title, id: data.contract.id }),

  html: `<p style="${style.strong}">{{t "reminder.intro" stage=stage.name due=(instant dueAt)}}</p>
<p style="${style.p}">{{t "reminder.noTimeout"}}</p>
{{> actionButton}}
{{> contractSummary}}
`,

  text: `{{t "reminder.intro" stage=stage.name due=(instant dueAt)}}
{{t "reminder.noTimeout"}}

{{> actionText}}

{{> contractSummaryText}}
`,
};
