import { addWorkingDays, addWorkingTime, workingTimeBetween } from './working-time.js';
import type { WorkCalendarSpec } from './work-calendar.js';

export type DeadlineAction = 'remind' | 'escalate';

/**
 * A deadline's two moments in its owner's working time: the reminder at `reminderAt` (0-1) of
 * the working time between `start` and the deadline, and the escalation at the first working
 * moment at or after the deadline. A window with no working time reminds at its start.
 * (Appraisal review steps and risk tasks.)
 */
export function deadlineMoments(start: Date, deadline: Date, reminderAt: number, calendar: WorkCalendarSpec, zone: string): Record<DeadlineAction, Date> {
  const working = workingTimeBetween(start, deadline, calendar, zone);
  const seconds = Math.floor((working * reminderAt) / 1000);
  const remind = seconds > 0 ? addWorkingTime(start, `PT${seconds}S`, calendar, zone) : start;
  return { remind: remind.getTime() < deadline.getTime() ? remind : start, escalate: addWorkingDays(deadline, 0, calendar, zone) };
}
