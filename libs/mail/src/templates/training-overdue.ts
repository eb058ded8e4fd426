import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const intro = '{{t "trainingOverdue.intro" step person=person.name course=courseTitle code=courseCode dueOn=dueOn}}';
const footer = '{{t "trainingOverdue.footer" step}}';

/** An open mandatory requirement: the reminder to the person, or an escalation to their manager or director. */
export const trainingOverdueTemplate: EmailTemplate<'training-overdue'> = {
  subject: (data, t) => t(`trainingOverdue.subject.${data.step}`, { person: data.person.name, course: data.courseTitle, code: data.courseCode, dueOn: data.dueOn }),

  html: `<p style="${style.strong}">${intro}</p>
<p style="${style.p}">${footer}</p>`,

  text: `${intro}

${footer}`,
};
