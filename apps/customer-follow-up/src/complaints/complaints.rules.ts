import type { WorkingContext } from '#libs/org';
import { addWorkingTime, workingTimeBetween } from '#libs/time';

/** The two deadlines of a complaint. Timer keys and phases use the short names. */
export type DeadlinePhase = 'ack' | 'resolve';

export const DEADLINE_PHASES: readonly DeadlinePhase[] = ['ack', 'resolve'];

export interface ComplaintSchedule {
  ackDueAt: Date;
  resolveDueAt: Date;
  ackRemindAt: Date;
  resolveRemindAt: Date;
}

/**
 * Both deadlines count from `start` in the assignee's working time; each reminder falls at
 * `reminderAt` of its deadline's working time, also counted in working time.
 */
export function complaintSchedule(
  start: Date,
  deadlines: { acknowledge: string; resolve: string },
  reminderAt: number,
  context: WorkingContext,
): ComplaintSchedule {
  const ackDueAt = addWorkingTime(start, deadlines.acknowledge, context.calendar, context.zone);
  const resolveDueAt = addWorkingTime(start, deadlines.resolve, context.calendar, context.zone);
  return {
    ackDueAt,
    resolveDueAt,
    ackRemindAt: reminderBefore(start, ackDueAt, reminderAt, context),
    resolveRemindAt: reminderBefore(start, resolveDueAt, reminderAt, context),
  };
}

function reminderBefore(start: Date, dueAt: Date, reminderAt: number, context: WorkingContext): Date {
  const workingMs = workingTimeBetween(start, dueAt, context.calendar, context.zone);
  // Milliseconds, not whole seconds: a PT2S deadline still gets its reminder before it.
  const reminderMs = Math.max(1, Math.round(workingMs * reminderAt));
  return addWorkingTime(start, `PT${(reminderMs / 1000).toFixed(3)}S`, context.calendar, context.zone);
}
