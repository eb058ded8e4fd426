import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const intro = '{{t "surveyLowScore.intro" contact=contact.name email=contact.email customer=customer.name score=score}}';
const comment = '{{#if comment}}{{comment}}{{else}}{{t "surveyLowScore.noComment"}}{{/if}}';
const visit = '{{#if atRiskVisitDueAt}}{{t "surveyLowScore.visit" owner=owner.name due=(instant atRiskVisitDueAt)}}{{else}}{{t "surveyLowScore.noVisit"}}{{/if}}';

const row = (labelKey: string, value: string): string =>
  `<tr><th scope="row" style="${style.kvKey}">{{t "${labelKey}"}}</th><td style="${style.kvValue}">${value}</td></tr>`;

export const surveyLowScoreTemplate: EmailTemplate<'survey-low-score'> = {
  subject: (data, t) => t('surveyLowScore.subject', { customer: data.customer.name, code: data.customer.code, score: data.score }),

  html: `<p style="${style.strong}">${intro}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
${row('surveyLowScore.customer', '{{customer.name}} ({{customer.code}})')}
${row('surveyLowScore.owner', '{{person owner}}')}
${row('surveyLowScore.score', '{{t "surveyLowScore.scoreValue" score=score}}')}
${row('surveyLowScore.answered', '{{instant answeredAt}}')}
${row('surveyLowScore.comment', comment)}
</table>
<p style="${style.p}">${visit}</p>
<p style="${style.p}">{{t "surveyLowScore.action"}}</p>
`,

  text: `${intro}

  {{label "surveyLowScore.customer"}}{{customer.name}} ({{customer.code}})
  {{label "surveyLowScore.owner"}}{{person owner}}
  {{label "surveyLowScore.score"}}{{t "surveyLowScore.scoreValue" score=score}}
  {{label "surveyLowScore.answered"}}{{instant answeredAt}}
  {{label "surveyLowScore.comment"}}${comment}

${visit}
{{t "surveyLowScore.action"}}
`,
};
