import { DateTime } from 'luxon';
import { addWorkingDays, workingTimeBetween, type WorkCalendarSpec } from '#libs/time';

/**
 * Overdue mandatory training (issue 10 item 9). The training policy has no place for these
 * periods yet, so they are constants here:
 * - the person is reminded at the opening of the working day that is REMINDER_WORKING_DAYS_BEFORE
 *   working days before the due date (5: a working week, enough to find a session);
 * - their manager is told at the opening of the first working day after the due date;
 * - the nearest SALES_DIRECTOR above is told DIRECTOR_AFTER_WORKING_DAYS working days after that.
 * Working days and openings are the person's calendar in the person's zone.
 */
export const REMINDER_WORKING_DAYS_BEFORE = 5;
export const DIRECTOR_AFTER_WORKING_DAYS = 5;

export const OVERDUE_STEPS = ['reminder', 'manager', 'director'] as const;
export type OverdueStep = (typeof OVERDUE_STEPS)[number];

/**
 * One timer per (requirement, due date, step): a new due date is a new set of timers, and a
 * timer of an older due date that fires anyway is recognised as stale by its key.
 */
export function overdueTimerKey(requirementId: string, dueOn: string, step: OverdueStep): string {
  return `training-overdue:${requirementId}:${dueOn}:${step}`;
}

export function parseOverdueTimerKey(key: string): { requirementId: string; dueOn: string; step: OverdueStep } | null {
  const parts = key.split(':');
  if (parts.length !== 4 || parts[0] !== 'training-overdue') return null;
  if (!(OVERDUE_STEPS as readonly string[]).includes(parts[3])) return null;
  return { requirementId: parts[1], dueOn: parts[2], step: parts[3] as OverdueStep };
}

/** The ledger key: each step's email goes once to each recipient per requirement, ever. */
export function overdueEmailKey(requirementId: string, step: OverdueStep, recipientId: string): string {
  return `training-overdue:${requirementId}:${step}:${recipientId}`;
}

/** A `date` column as read (UTC midnight) to its YYYY-MM-DD. */
export function localDateText(dueOn: Date): string {
  return dueOn.toISOString().slice(0, 10);
}

function isWorkingDay(day: DateTime, calendar: WorkCalendarSpec, zone: string): boolean {
  return workingTimeBetween(day.toJSDate(), day.plus({ days: 1 }).toJSDate(), calendar, zone) > 0;
}

/** When each step is due, for a requirement due on `dueOn` (YYYY-MM-DD, the person's local date). */
export function overdueStepTimes(dueOn: string, calendar: WorkCalendarSpec, zone: string): Record<OverdueStep, Date> {
  const dueDay = DateTime.fromISO(dueOn, { zone }).startOf('day');
  let day = dueDay;
  let counted = 0;
  // Bounded: a calendar with no working day in a year reminds on the due day's opening instead.
  for (let guard = 0; counted < REMINDER_WORKING_DAYS_BEFORE && guard < 366; guard++) {
    day = day.minus({ days: 1 }).startOf('day');
    if (isWorkingDay(day, calendar, zone)) counted++;
  }
  const reminderDay = counted === REMINDER_WORKING_DAYS_BEFORE ? day : dueDay;
  const reminder = addWorkingDays(reminderDay.toJSDate(), 0, calendar, zone);
  const manager = addWorkingDays(dueDay.plus({ days: 1 }).startOf('day').toJSDate(), 0, calendar, zone);
  const director = addWorkingDays(manager, DIRECTOR_AFTER_WORKING_DAYS, calendar, zone);
  return { reminder, manager, director };
}
