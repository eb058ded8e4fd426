// The complaint rules, pure: deadlines and reminders, who takes a complaint, timer keys and phases.
import type { WorkingContext } from '#libs/org';
import { addWorkingTime, workingTimeBetween } from '#libs/time';
import type { ComplaintRow as Complaint } from '../rows.js';

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

export function reminderKey(complaintId: string, phase: DeadlinePhase): string {
  return `complaint-reminder:${complaintId}:${phase}`;
}

export function deadlineKey(complaintId: string, phase: DeadlinePhase): string {
  return `complaint-deadline:${complaintId}:${phase}`;
}

const TIMER_KEY = /^complaint-(?:reminder|deadline):[0-9a-f-]{36}:(ack|resolve)$/i;

/** Timer jobs carry only {timerId, subjectId}: the phase is read back from the timer's unique key. */
export function phaseOfTimerKey(uniqueKey: string): DeadlinePhase | null {
  const match = TIMER_KEY.exec(uniqueKey);
  return match ? (match[1] as DeadlinePhase) : null;
}

/** A resolved complaint has met both deadlines; an acknowledged one the first. */
export function phaseMet(complaint: Pick<Complaint, 'status'>, phase: DeadlinePhase): boolean {
  return phase === 'ack' ? complaint.status !== 'open' : complaint.status === 'resolved';
}

/** The phase as the emails name it. */
export function mailPhase(phase: DeadlinePhase): 'acknowledge' | 'resolve' {
  return phase === 'ack' ? 'acknowledge' : 'resolve';
}

/**
 * The candidate with the fewest open (not resolved) complaints; ties go to the first email in
 * alphabetical order, so the choice is the same whichever replica makes it.
 */
export function leastLoaded<T extends { id: string; email: string }>(candidates: readonly T[], openCounts: ReadonlyMap<string, number>): T | null {
  let best: T | null = null;
  for (const candidate of candidates) {
    if (best === null) {
      best = candidate;
      continue;
    }
    const load = openCounts.get(candidate.id) ?? 0;
    const bestLoad = openCounts.get(best.id) ?? 0;
    if (load < bestLoad || (load === bestLoad && candidate.email < best.email)) best = candidate;
  }
  return best;
}
