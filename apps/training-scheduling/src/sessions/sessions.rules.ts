import { compileCalendar, MS_PER_DAY, toLocal, type WorkCalendarSpec } from '#libs/time';

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Half-open intervals: a session ending at 10:00 and one starting at 10:00 do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Why the trainer cannot teach a session starting then, by their work calendar: the local date of
 * the start (in the calendar's zone, else theirs) is one of its holidays. Null when it is not.
 */
export function trainerHolidayProblem(startsAt: Date, context: { calendar: WorkCalendarSpec; zone: string }): string | null {
  const calendar = compileCalendar(context.calendar, context.zone);
  const { day } = toLocal(startsAt.getTime(), calendar.zone);
  if (!calendar.holidays.has(day)) return null;
  return `${isoDate(day)} is a holiday in the trainer's work calendar "${calendar.name}" (${calendar.zone}).`;
}

/** The iCalendar UID of a session: the same in every invitation, update and cancellation about it. */
export function sessionUid(sessionId: string): string {
  return `training-session-${sessionId}@salesflow`;
}

/**
 * One invitation per (session, sequence, recipient, enrollment): the trainer's has no enrollment;
 * someone who withdraws and enrolls again gets a new enrollment, and so a new invitation.
 */
export function invitationKey(sessionId: string, sequence: number, recipientId: string, enrollmentId: string | null): string {
  return `training-invitation:${sessionId}:${sequence}:${recipientId}:${enrollmentId ?? 'trainer'}`;
}

/** A cancellation: of the session (at its sequence) or of one enrollment (a withdrawal). */
export function cancellationKey(sessionId: string, sequence: number, recipientId: string, enrollmentId: string | null): string {
  return `training-cancellation:${sessionId}:${sequence}:${recipientId}:${enrollmentId ?? 'trainer'}`;
}

/** A session at least this long (a full working day) is absence time for its confirmed attendees. */
export const TRAINING_ABSENCE_MIN_MS = 8 * 3600_000;

/** Whether a confirmed seat in the session registers an absence for its hours. */
export function countsAsAbsence(session: Interval): boolean {
  return session.endsAt.getTime() - session.startsAt.getTime() >= TRAINING_ABSENCE_MIN_MS;
}
