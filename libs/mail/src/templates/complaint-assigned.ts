import type { EmailTemplate } from '../email-template.js';
import { complaintSummaryHtml, complaintSummaryText, SEVERITY, severityLabel } from './complaint-summary.js';
import { style } from './styles.js';

const intro = `{{t "complaintAssigned.intro" severity=${SEVERITY} customer=complaint.customer.name ackDue=(instant complaint.ackDueAt) resolveDue=(instant complaint.resolveDueAt)}}`;
const reportedBy = '{{t "complaintAssigned.reportedBy" name=reportedBy.name email=reportedBy.email}}';

export const complaintAssignedTemplate: EmailTemplate<'complaint-assigned'> = {
  subject: (data, t) =>
    t('complaintAssigned.subject', { customer: data.complaint.customer.name, severity: severityLabel(data.complaint.severity, t), id: data.complaint.id }),

  html: `<p style="${style.strong}">${intro}</p>
<p style="${style.p}">${reportedBy}</p>
${complaintSummaryHtml}
<p style="${style.small}">{{t "complaintAssigned.deadlines"}}</p>
`,

  text: `${intro}
${reportedBy}

${complaintSummaryText}
{{t "complaintAssigned.deadlines"}}
`,
};
