import { DateTime, Duration } from 'luxon';

/**
 * One reminder per (session, sequence, offset, enrollment): a reschedule raises the sequence, so
 * its reminders are new timers and new emails, and a timer of an older sequence that fires
 * anyway is recognised as stale by its key. The key is also the reminder email's ledger key.
 */
export function reminderKey(sessionId: string, sequence: number, before: string, enrollmentId: string): string {
  return `training-reminder:${sessionId}:${sequence}:${before}:${enrollmentId}`;
}

/** The parts of a reminder timer's key; null when it is not one. */
export function parseReminderKey(key: string): { sessionId: string; sequence: number; before: string; enrollmentId: string } | null {
  const parts = key.split(':');
  if (parts.length !== 5 || parts[0] !== 'training-reminder') return null;
  const sequence = Number(parts[2]);
  if (!Number.isInteger(sequence)) return null;
  return { sessionId: parts[1], sequence, before: parts[3], enrollmentId: parts[4] };
}

/**
 * When a reminder `before` (ISO-8601) the start is due, for an attendee working in `zone`: days
 * are calendar days in that zone (P1D before 09:00 is 09:00 the day before, even across a
 * daylight-saving change), hours and minutes are elapsed time.
 */
export function reminderDueAt(startsAt: Date, before: string, zone: string): Date {
  return DateTime.fromJSDate(startsAt, { zone }).minus(Duration.fromISO(before)).toJSDate();
}
