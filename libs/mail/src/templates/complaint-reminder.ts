import type { EmailTemplate } from '../email-template.js';
import { complaintSummaryHtml, complaintSummaryText, SEVERITY } from './complaint-summary.js';
import { style } from './styles.js';

const intro = `{{t "complaintReminder.intro" phase severity=${SEVERITY} customer=complaint.customer.name due=(instant dueAt)}}`;

export const complaintReminderTemplate: EmailTemplate<'complaint-reminder'> = {
  subject: (data, t) => t(`complaintReminder.subject.${data.phase}`, { customer: data.complaint.customer.name, id: data.complaint.id }),

  html: `<p style="${style.strong}">${intro}</p>
<p style="${style.p}">{{t "complaintReminder.escalates"}}</p>
${complaintSummaryHtml}`,

  text: `${intro}
{{t "complaintReminder.escalates"}}

${complaintSummaryText}`,
};
