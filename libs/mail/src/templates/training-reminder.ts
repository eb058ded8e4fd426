import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';
import { trainingSessionSummaryHtml, trainingSessionSummaryText } from './training-session-summary.js';

const intro = '{{t "trainingReminder.intro" course=session.courseTitle start=(instant session.startsAt)}}';

/** A reminder before a session (the training policy's offsets); the time in the reader's zone. */
export const trainingReminderTemplate: EmailTemplate<'training-reminder'> = {
  subject: (data, t) => t('trainingReminder.subject', { course: data.session.courseTitle, code: data.session.courseCode }),

  html: `<p style="${style.strong}">${intro}</p>
${trainingSessionSummaryHtml}<p style="${style.p}">{{t "trainingReminder.footer"}}</p>`,

  text: `${intro}

${trainingSessionSummaryText}
{{t "trainingReminder.footer"}}`,
};
