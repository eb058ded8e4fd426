import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';
import { trainingSessionSummaryHtml, trainingSessionSummaryText } from './training-session-summary.js';

const intro =
  '{{t "trainingFailed.intro" reason person=person.name course=session.courseTitle start=(instant session.startsAt) score=score passMark=passMark attempt=attempt attemptsAllowed=attemptsAllowed}}';

/** To the manager: the last allowed attempt failed, or an unexcused absence from a mandatory course. */
export const trainingFailedTemplate: EmailTemplate<'training-failed'> = {
  subject: (data, t) => t(`trainingFailed.subject.${data.reason}`, { person: data.person.name, course: data.session.courseTitle, code: data.session.courseCode }),

  html: `<p style="${style.strong}">${intro}</p>
${trainingSessionSummaryHtml}<p style="${style.p}">{{t "trainingFailed.footer"}}</p>`,

  text: `${intro}

${trainingSessionSummaryText}
{{t "trainingFailed.footer"}}`,
};
