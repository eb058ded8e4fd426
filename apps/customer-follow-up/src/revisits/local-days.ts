import { DateTime } from 'luxon';
import { type WorkCalendarSpec, toLocal, compileCalendar, isWorkingDay } from '#libs/time';

/** A person's working calendar, read in their zone (the calendar's own zone wins; see OrgDirectory.workingContext). */
export interface CalendarContext {
  calendar: WorkCalendarSpec;
  zone: string;
}

/** Moved to libs/time (the training digest keys by local date too); re-exported for this service's features. */
export { localDateOf } from '#libs/time';

/** The local day containing `at`: [start, end) as instants (23 or 25 hours on DST days). */
export function localDayBounds(at: Date, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromJSDate(at, { zone }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

export function isWorkingDate(at: Date, context: CalendarContext): boolean {
  const compiled = compileCalendar(context.calendar, context.zone);
  return isWorkingDay(compiled, toLocal(at.getTime(), compiled.zone).day);
}

/**
 * How many working days a visit due at `dueAt` is overdue at `now`: the working days after its
 * due date up to and including today (due Friday, Monday is 1 day overdue on a Monday-Friday calendar).
 */
export function overdueWorkingDays(dueAt: Date, now: Date, context: CalendarContext): number {
  const compiled = compileCalendar(context.calendar, context.zone);
  const dueDay = toLocal(dueAt.getTime(), compiled.zone).day;
  const today = toLocal(now.getTime(), compiled.zone).day;
  let count = 0;
  for (let day = dueDay + 1; day <= today; day++) if (isWorkingDay(compiled, day)) count++;
  return count;
}

/** The same local wall time `days` calendar days later (the survey after a contract counts plain days). */
export function addCalendarDays(at: Date, days: number, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).plus({ days }).toJSDate();
}
