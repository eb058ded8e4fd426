import type { DeadlineAction } from '#libs/time';
import type { ReviewStep } from './reviews.rules.js';

export { deadlineMoments, type DeadlineAction } from '#libs/time';

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
