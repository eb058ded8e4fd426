import { JOBS, QUEUES } from '#libs/queue';
import { nextWeeklyOccurrence, weeklyLinkKey, type WeeklyChainSpec, type WeeklyOccurrence, type WeeklySchedule } from '#libs/workflow';

/**
 * The weekly training digest to each manager with a team (issue 10 item 9). Its weekday and local
 * time are the training policy's (default Monday 09:00), read in the manager's zone (their work
 * calendar's zone, else their own). It goes out every week, holidays included: it is a status
 * report, not a working-time deadline.
 */

/** How far ahead the digest looks for sessions with free seats. */
export const DIGEST_HORIZON_DAYS = 14;

/** The digest's chain of weekly timers (libs/workflow WeeklyTimerChain): one link per manager and local date. */
export const TRAINING_DIGEST_CHAIN: WeeklyChainSpec = {
  kind: JOBS.trainingDigest, checkKind: JOBS.trainingDigestCheck, queue: QUEUES.trainingBulk, keyPrefix: 'training-digest',
};

/** The training policy's digest weekday and time as a weekly schedule. */
export function digestSchedule(policy: { digestWeekday: number; digestLocalTime: string }): WeeklySchedule {
  return { weekday: policy.digestWeekday, localTime: policy.digestLocalTime };
}

/** The first digest time strictly after `after` in `zone`. */
export function nextTrainingDigest(after: Date, policy: { digestWeekday: number; digestLocalTime: string }, zone: string): WeeklyOccurrence {
  return nextWeeklyOccurrence(after, digestSchedule(policy), zone);
}

/** One digest per manager and local date: the timer's unique key and the email's idempotency key. */
export function trainingDigestKey(managerId: string, localDate: string): string {
  return weeklyLinkKey(TRAINING_DIGEST_CHAIN.keyPrefix, managerId, localDate);
}

/** Whole calendar days from `dueOn` to `today` (both YYYY-MM-DD): positive when overdue. */
export function daysPast(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
}
