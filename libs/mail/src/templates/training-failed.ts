import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';
import { trainingSessionSummaryHtml, trainingSessionSummaryText } from './training-session-summary.js';

// An absence has no score (and its course may have no assessment): only a failed attempt names
// score, pass mark and attempts. A score of 0 is a score.
const intro =
  '{{#if score includeZero=true}}{{t "trainingFailed.intro.failed" person=person.name course=session.courseTitle score=score passMark=passMark attempt=attempt attemptsAllowed=attemptsAllowed}}'
  + '{{else}}{{t "trainingFailed.intro.absent" person=person.name course=session.courseTitle start=(instant session.startsAt)}}{{/if}}';

/** To the manager: the last allowed attempt failed, or an unexcused absence from a mandatory course. */
export const trainingFailedTemplate: EmailTemplate<'training-failed'> = {
  subject: (data, t) => t(`trainingFailed.subject.${data.reason}`, { person: data.person.name, course: data.session.courseTitle, code: data.session.courseCode }),

  html: `<p style="${style.strong}">${intro}</p>
${trainingSessionSummaryHtml}<p style="${style.p}">{{t "trainingFailed.footer"}}</p>`,

  text: `${intro}

${trainingSessionSummaryText}
{{t "trainingFailed.footer"}}`,
};
