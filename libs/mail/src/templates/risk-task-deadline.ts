import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const body = '{{t "riskTask.body" action task=(t "riskTask.kind" kind) about=about owner=owner.name due=(instant dueAt) id=taskId}}';

/** A risk countermeasure's reminder to its owner, or its escalation to the owner's manager. */
export const riskTaskDeadlineTemplate: EmailTemplate<'risk-task-deadline'> = {
  subject: (data, t) => t(`riskTask.subject.${data.action}`, { task: t(`riskTask.kind.${data.kind}`) }),

  html: `<p style="${style.p}">${body}</p>`,

  text: `${body}`,
};
