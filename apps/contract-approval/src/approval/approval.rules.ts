import type { WorkingContext } from '#libs/org';
import { addWorkingTime, workingTimeBetween } from '#libs/time';

export interface SlaDeadlines {
  remindAt: Date;
  escalateAt: Date;
}

/** The reminder falls at `reminderAt` of the SLA, both counted in the approver's working time. */
export function slaDeadlines(start: Date, sla: string, reminderAt: number, context: WorkingContext): SlaDeadlines {
  const escalateAt = addWorkingTime(start, sla, context.calendar, context.zone);
  const workingMs = workingTimeBetween(start, escalateAt, context.calendar, context.zone);
  const reminderSeconds = Math.max(1, Math.round((workingMs * reminderAt) / 1000));
  return { remindAt: addWorkingTime(start, `PT${reminderSeconds}S`, context.calendar, context.zone), escalateAt };
}

/** Each further SLA period climbs one more level of the reporting line. */
export function nextEscalation(previous: Date, sla: string, context: WorkingContext): Date {
  return addWorkingTime(previous, sla, context.calendar, context.zone);
}
