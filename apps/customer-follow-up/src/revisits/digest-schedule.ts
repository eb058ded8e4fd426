import { nextLocalTime } from '#libs/time';
import { isWorkingDate, localDateOf, type CalendarContext } from './local-days.js';

export interface DigestOccurrence {
  at: Date;
  /** The owner's local date the digest is for: part of its timer key and its email key. */
  localDate: string;
}

/** Longer than any real run of non-working days; a calendar with none worked fails loudly instead of looping. */
const MAX_SKIPPED_DAYS = 3660;

/**
 * The first digest time strictly after `after`: `localTime` on the owner's next working day, in
 * the owner's zone (luxon follows DST: 08:30 stays 08:30 local on the day the clocks change).
 */
export function nextDigestOccurrence(after: Date, localTime: string, context: CalendarContext): DigestOccurrence {
  let candidate = nextLocalTime(localTime, context.zone, after);
  for (let skipped = 0; skipped <= MAX_SKIPPED_DAYS; skipped++) {
    if (isWorkingDate(candidate, context)) return { at: candidate, localDate: localDateOf(candidate, context.zone) };
    candidate = nextLocalTime(localTime, context.zone, candidate);
  }
  throw new Error(`Work calendar "${context.calendar.name}" has no working day in ${MAX_SKIPPED_DAYS} days; no digest can be scheduled.`);
}

/** One digest per owner per local date: the timer's unique key and the email's idempotency key. */
export function digestKey(ownerId: string, localDate: string): string {
  return `revisit-digest:${ownerId}:${localDate}`;
}
