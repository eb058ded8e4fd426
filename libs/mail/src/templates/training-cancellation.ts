import type { EmailTemplate } from '../email-template.js';
import { trainingCalendar } from '../training-calendar.js';
import { style } from './styles.js';
import { trainingSessionSummaryHtml, trainingSessionSummaryText } from './training-session-summary.js';

const intro = '{{t "trainingCancellation.intro" reason course=session.courseTitle start=(instant session.startsAt)}}';

/** The session was cancelled, or the recipient withdrawn; carries cancel.ics (METHOD:CANCEL). */
export const trainingCancellationTemplate: EmailTemplate<'training-cancellation'> = {
  subject: (data, t) => t(`trainingCancellation.subject.${data.reason}`, { course: data.session.courseTitle, code: data.session.courseCode }),

  html: `<p style="${style.strong}">${intro}</p>
${trainingSessionSummaryHtml}<p style="${style.p}">{{t "trainingCancellation.calendar"}}</p>`,

  text: `${intro}

${trainingSessionSummaryText}
{{t "trainingCancellation.calendar"}}`,

  attachments: (data) => [trainingCalendar('CANCEL', data.session, data.attendee)],
};
