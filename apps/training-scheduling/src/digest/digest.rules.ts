import { localDateOf, nextLocalWeekdayTime } from '#libs/time';

/**
 * The weekly training digest to each manager with a team (issue 10 item 9). Its weekday and local
 * time are the training policy's (default Monday 09:00), read in the manager's zone (their work
 * calendar's zone, else their own). It goes out every week, holidays included: it is a status
 * report, not a working-time deadline.
 */

/** How far ahead the digest looks for sessions with free seats. */
export const DIGEST_HORIZON_DAYS = 14;

export interface DigestOccurrence {
  at: Date;
  /** The manager's local date the digest is for: part of its timer key and its email key. */
  localDate: string;
}

/** The first digest time strictly after `after` in `zone`. */
export function nextTrainingDigest(after: Date, policy: { digestWeekday: number; digestLocalTime: string }, zone: string): DigestOccurrence {
  const at = nextLocalWeekdayTime(policy.digestLocalTime, policy.digestWeekday, zone, after);
  return { at, localDate: localDateOf(at, zone) };
}

/** One digest per manager and local date: the timer's unique key and the email's idempotency key. */
export function trainingDigestKey(managerId: string, localDate: string): string {
  return `training-digest:${managerId}:${localDate}`;
}

export function parseTrainingDigestKey(key: string): { managerId: string; localDate: string } | null {
  const match = /^training-digest:([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2})$/.exec(key);
  return match ? { managerId: match[1], localDate: match[2] } : null;
}

/** The daily check's timer key (one per UTC date), and the one a policy change arms (one per version). */
export function digestCheckKey(utcDate: string): string {
  return `training-digest-check:${utcDate}`;
}

/** Whole calendar days from `dueOn` to `today` (both YYYY-MM-DD): positive when overdue. */
export function daysPast(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
}
