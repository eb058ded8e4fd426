import type { EmailTemplate } from '../email-template.js';
import { complaintSummaryHtml, complaintSummaryText, SEVERITY, severityLabel } from './complaint-summary.js';
import { style } from './styles.js';

const intro = `{{t "complaintEscalation.intro" phase assignee=assignee.name email=assignee.email severity=${SEVERITY} customer=complaint.customer.name due=(instant dueAt)}}`;

export const complaintEscalationTemplate: EmailTemplate<'complaint-escalation'> = {
  subject: (data, t) =>
    t(`complaintEscalation.subject.${data.phase}`, { customer: data.complaint.customer.name, severity: severityLabel(data.complaint.severity, t), id: data.complaint.id }),

  html: `<p style="${style.strong}">${intro}</p>
<p style="${style.p}">{{t "complaintEscalation.why" role}}</p>
${complaintSummaryHtml}
<p style="${style.small}">{{t "complaintEscalation.once"}}</p>
`,

  text: `${intro}
{{t "complaintEscalation.why" role}}

${complaintSummaryText}
{{t "complaintEscalation.once"}}
`,
};
