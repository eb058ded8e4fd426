import { addWorkingDays, addWorkingTime, workingTimeBetween, type WorkCalendarSpec } from '#libs/time';
import type { ReviewStep } from './reviews.rules.js';

export type DeadlineAction = 'remind' | 'escalate';

/**
 * A review step's two moments in its owner's working time: the reminder at `reminderAt` (0-1) of
 * the working time between the step's start and its deadline, and the escalation at the first
 * working moment at or after the deadline. A window with no working time reminds at its start.
 */
export function deadlineMoments(start: Date, deadline: Date, reminderAt: number, calendar: WorkCalendarSpec, zone: string): Record<DeadlineAction, Date> {
  const working = workingTimeBetween(start, deadline, calendar, zone);
  const seconds = Math.floor((working * reminderAt) / 1000);
  const remind = seconds > 0 ? addWorkingTime(start, `PT${seconds}S`, calendar, zone) : start;
  return { remind: remind.getTime() < deadline.getTime() ? remind : start, escalate: addWorkingDays(deadline, 0, calendar, zone) };
}

/** `subjectId` is the appraisal, or the peer review for the peer step. */
export function deadlineKey(subjectId: string, step: ReviewStep, action: DeadlineAction): string {
  return `appraisal-review:${subjectId}:${step}:${action}`;
}

const KEY = /^appraisal-review:[0-9a-f-]{36}:(self|peer|manager|calibration):(remind|escalate)$/i;

/** Timer jobs carry only {timerId, subjectId}: the step and action are read back from the key. */
export function parseDeadlineKey(uniqueKey: string): { step: ReviewStep; action: DeadlineAction } | null {
  const match = KEY.exec(uniqueKey);
  return match ? { step: match[1] as ReviewStep, action: match[2] as DeadlineAction } : null;
}

/** Whether an appraisal still owes a step (its reminder and escalation act only then). */
export function stillOwes(appraisal: { selfReviewedAt: Date | null; managerReviewedAt: Date | null; calibratedAt: Date | null; status: string }, step: Exclude<ReviewStep, 'peer'>): boolean {
  if (appraisal.status === 'SIGNED_OFF') return false;
  if (step === 'self') return appraisal.selfReviewedAt === null;
  if (step === 'manager') return appraisal.managerReviewedAt === null;
  return appraisal.calibratedAt === null;
}
