import { style } from './styles.js';

/** Wraps every HTML email: `{{#> layout}}body{{/layout}}`. Expects `subject` and `recipient` in context. */
const layout = `<!DOCTYPE html>
<html lang="{{@locale}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="${style.body}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${style.outer}">
<tr><td align="center" style="${style.outerCell}">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="${style.card}">
<tr><td style="${style.cardCell}">
<p style="${style.p}">{{t "greeting" name=recipient.name}}</p>
{{> @partial-block}}
</td></tr>
<tr><td style="${style.footer}">{{t "footer"}}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

const kvRow = (labelKey: string, value: string, labelHash = ''): string =>
  `<tr><th scope="row" style="${style.kvKey}">{{t "${labelKey}"${labelHash}}}</th><td style="${style.kvValue}">${value}</td></tr>`;

const contractSummary = `<h2 style="${style.h2}">{{t "summary.heading"}}</h2>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
${kvRow('summary.title', '{{contract.title}}')}
${kvRow('summary.id', '{{contract.id}}')}
${kvRow('summary.customer', '{{contract.customerName}}')}
${kvRow('summary.amount', '{{money contract.amount contract.currency}}')}
${kvRow('summary.amountBase', '{{money contract.amountBase contract.baseCurrency}}', ' currency=contract.baseCurrency')}
${kvRow('summary.discount', '{{percent contract.discountPct}}')}
${kvRow('summary.paymentTerm', '{{t "summary.paymentTermDays" days=contract.paymentTermDays}}')}
${kvRow('summary.productLine', '{{orNotSpecified contract.productLine}}')}
${kvRow('summary.region', '{{orNotSpecified contract.region}}')}
${kvRow('summary.submitter', '{{person contract.submitter}}')}
</table>
`;

/** The decision button plus the same URL as text, for clients that block buttons. Expects `actionUrl`. */
const actionButton = `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.buttonTable}">
<tr><td style="${style.buttonCell}"><a href="{{actionUrl}}" target="_blank" rel="noopener" style="${style.button}">{{t "action.button"}}</a></td></tr>
</table>
<p style="${style.p}">{{t "action.explain"}}</p>
<p style="${style.small}">{{t "action.fallback"}}<br><a href="{{actionUrl}}" target="_blank" rel="noopener" style="${style.link}">{{actionUrl}}</a></p>
`;

const textLayout = `{{t "greeting" name=recipient.name}}

{{> @partial-block}}

--
{{t "footer"}}
`;

const contractSummaryText = `{{t "summary.heading"}}
  {{label "summary.title"}}{{contract.title}}
  {{label "summary.id"}}{{contract.id}}
  {{label "summary.customer"}}{{contract.customerName}}
  {{label "summary.amount"}}{{money contract.amount contract.currency}}
  {{label "summary.amountBase" currency=contract.baseCurrency}}{{money contract.amountBase contract.baseCurrency}}
  {{label "summary.discount"}}{{percent contract.discountPct}}
  {{label "summary.paymentTerm"}}{{t "summary.paymentTermDays" days=contract.paymentTermDays}}
  {{label "summary.productLine"}}{{orNotSpecified contract.productLine}}
  {{label "summary.region"}}{{orNotSpecified contract.region}}
  {{label "summary.submitter"}}{{person contract.submitter}}
`;

const actionText = `{{label "action.button"}}{{actionUrl}}
{{t "action.explain"}}
`;

export const htmlPartials: Readonly<Record<string, string>> = { layout, contractSummary, actionButton };
export const textPartials: Readonly<Record<string, string>> = { textLayout, contractSummaryText, actionText };
