import type { EmailTemplate } from '../email-template.js';
import { linkButtonHtml } from './link-button.js';
import { style } from './styles.js';

const explain = '{{t "survey.explain" expires=(instant expiresAt)}}';

/** To a customer's contact, who is not an employee: no internal names or ids in it. */
export const surveyRequestTemplate: EmailTemplate<'survey-request'> = {
  subject: (data, t) => t('survey.subject', { customer: data.customer.name }),

  html: `<p style="${style.p}">{{t "survey.intro" reason}}</p>
${linkButtonHtml('surveyUrl', { button: 'survey.button', fallback: 'survey.fallback' }, explain)}`,

  text: `{{t "survey.intro" reason}}

{{label "survey.button"}}{{surveyUrl}}
${explain}
`,
};
