import type { EmailTemplate } from '../email-template.js';
import { trainingCalendar } from '../training-calendar.js';
import { style } from './styles.js';
import { trainingSessionSummaryHtml, trainingSessionSummaryText } from './training-session-summary.js';

const intro = '{{t "trainingInvitation.intro" occasion role course=session.courseTitle start=(instant session.startsAt)}}';

/** Invitation, update after a reschedule, or a seat freed for someone waitlisted; carries invite.ics (METHOD:REQUEST). */
export const trainingInvitationTemplate: EmailTemplate<'training-invitation'> = {
  subject: (data, t) => t(`trainingInvitation.subject.${data.occasion}`, { course: data.session.courseTitle, code: data.session.courseCode }),

  html: `<p style="${style.strong}">${intro}</p>
${trainingSessionSummaryHtml}<p style="${style.p}">{{t "trainingInvitation.calendar"}}</p>`,

  text: `${intro}

${trainingSessionSummaryText}
{{t "trainingInvitation.calendar"}}`,

  attachments: (data) => [trainingCalendar('REQUEST', data.session, data.attendee)],
};
