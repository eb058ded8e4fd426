import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const explain = '{{t "survey.explain" expires=(instant expiresAt)}}';

/** To a customer's contact, who is not an employee: no internal names or ids in it. */
export const surveyRequestTemplate: EmailTemplate<'survey-request'> = {
  subject: (data, t) => t('survey.subject', { customer: data.customer.name }),

  html: `<p style="${style.p}">{{t "survey.intro" reason}}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.buttonTable}">
<tr><td style="${style.buttonCell}"><a href="{{surveyUrl}}" target="_blank" rel="noopener" style="${style.button}">{{t "survey.button"}}</a></td></tr>
</table>
<p style="${style.p}">${explain}</p>
<p style="${style.small}">{{t "survey.fallback"}}<br><a href="{{surveyUrl}}" target="_blank" rel="noopener" style="${style.link}">{{surveyUrl}}</a></p>
`,

  text: `{{t "survey.intro" reason}}

{{label "survey.button"}}{{surveyUrl}}
${explain}
`,
};
