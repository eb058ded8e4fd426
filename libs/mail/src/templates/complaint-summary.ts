import { isMessageKey, type Translator } from '../translate.js';
import { style } from './styles.js';

/** The severity as the recipient's language names it; an unexpected value is shown raw. */
export function severityLabel(severity: string, t: Translator): string {
  const key = `complaintSeverity.${severity}`;
  return isMessageKey(key) ? t(key) : severity;
}

/** Handlebars sub-expression for the severity label. Expects `complaint` in context. */
export const SEVERITY = '(t "complaintSeverity" complaint.severity)';

const row = (labelKey: string, value: string): string =>
  `<tr><th scope="row" style="${style.kvKey}">{{t "${labelKey}"}}</th><td style="${style.kvValue}">${value}</td></tr>`;

/** The complaint every complaint email shows, with its id. Expects `complaint` in context. */
export const complaintSummaryHtml = `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
${row('complaint.customer', '{{complaint.customer.name}} ({{complaint.customer.code}})')}
${row('complaint.id', '{{complaint.id}}')}
${row('complaint.severity', `{{t "complaintSeverity" complaint.severity}}`)}
${row('complaint.channel', '{{complaint.channel}}')}
${row('complaint.received', '{{instant complaint.createdAt}}')}
${row('complaint.ackDue', '{{instant complaint.ackDueAt}}')}
${row('complaint.resolveDue', '{{instant complaint.resolveDueAt}}')}
${row('complaint.description', '{{complaint.description}}')}
</table>
`;

export const complaintSummaryText = `  {{label "complaint.customer"}}{{complaint.customer.name}} ({{complaint.customer.code}})
  {{label "complaint.id"}}{{complaint.id}}
  {{label "complaint.severity"}}{{t "complaintSeverity" complaint.severity}}
  {{label "complaint.channel"}}{{complaint.channel}}
  {{label "complaint.received"}}{{instant complaint.createdAt}}
  {{label "complaint.ackDue"}}{{instant complaint.ackDueAt}}
  {{label "complaint.resolveDue"}}{{instant complaint.resolveDueAt}}
  {{label "complaint.description"}}{{complaint.description}}
`;
