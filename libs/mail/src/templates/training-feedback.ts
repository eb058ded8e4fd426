import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const item = '{{t "trainingFeedback.item" kpi=(t "appraisalResult.kpi" kpi) score=score threshold=threshold category=category}}';
// The instant helper needs a string: only an enrollment has a session start; NO_COURSE has no course either.
const outcome = '{{#if sessionStartsAt}}{{t "trainingFeedback.outcome" outcome course=courseTitle code=courseCode start=(instant sessionStartsAt)}}'
  + '{{else if courseCode}}{{t "trainingFeedback.outcome" outcome course=courseTitle code=courseCode}}'
  + '{{else}}{{t "trainingFeedback.outcome" outcome}}{{/if}}';
const intro = '{{t "trainingFeedback.intro" person=person.name period=period}}';
const footer = '{{t "trainingFeedback.footer" appraisal=appraisalId}}';

/** To the manager: each weak KPI of a signed-off appraisal, with the course the person was enrolled in, or why not. */
export const trainingFeedbackTemplate: EmailTemplate<'training-feedback'> = {
  subject: (data, t) => t('trainingFeedback.subject', { person: data.person.name, period: data.period }),

  html: `<p style="${style.strong}">${intro}</p>
<ul>
{{#each items}}<li style="${style.p}">${item}: ${outcome}</li>
{{/each}}
</ul>
<p style="${style.small}">${footer}</p>`,

  text: `${intro}

{{#each items}}- ${item}: ${outcome}
{{/each}}

${footer}`,
};
