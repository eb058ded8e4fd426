/*
 * Working-time arithmetic. Semantics:
 * - `zone` is the employee's zone; a calendar's own `timezone` wins over it. Every local date and
 *   wall-clock time is read in that zone with luxon, so DST is respected and all durations are
 *   real elapsed time: 09:00-18:00 is 9 h even on a DST day, while a 24x7 local day lasts 23 or 25 h.
 * - A local date is worked when (its weekday is in `days` or it is in `workdays`) and it is not in
 *   `holidays`. It is open over [start, end); "24:00" ends at the next local midnight.
 * - A duration's time part (H, M, S) counts working time. Counting starts at `start`, or at the next
 *   opening when `start` is outside working time. When the time runs out exactly at a closing, the
 *   result is that closing instant, not the next opening.
 * - A duration's day part (D) counts working days and is applied first: P1D is the same local clock
 *   time on the next working day, starting from `start` or, outside working time, from the next
 *   opening. Years, months and weeks are refused: their length in working days is ambiguous.
 * - Calendar hours hold the instants whose wall clock reads inside them: a boundary skipped by a
 *   spring-forward gap is the moment the clock jumps; one that occurs twice (fall-back) is its
 *   first occurrence. nextLocalTime instead follows luxon for a skipped time (see there).
 * - Work is O(weeks spanned), with a small constant: a week without holidays, make-up days or a
 *   change of UTC offset is counted at once (plain-week.ts, working-weeks.ts); the rest day by day. A calendar
 *   with no working time in MAX_IDLE_DAYS consecutive days throws instead of looping forever.
 */
import { Duration } from 'luxon';
import type { WorkCalendarSpec } from './work-calendar.js';
import { compileCalendar, firstOpenFrom, openIntervalOn } from './working-intervals.js';
import { addDays, addMs, msBetween } from './working-weeks.js';
import {
  isKnownZone,
  isoWeekday,
  luxonWallTimeInstant,
  MS_PER_MINUTE,
  parseWallClockTime,
  toLocal,
  wallTimeOccurrences,
} from './wall-clock.js';

/** A parsed working-time duration: whole working days, then working milliseconds. */
export interface WorkingDuration {
  days: number;
  workingMs: number;
}

export function parseIsoDuration(text: string): WorkingDuration {
  const parsed = Duration.fromISO(text);
  if (!parsed.isValid) {
    throw new Error(`"${text}" is not an ISO-8601 duration such as PT8H, P2D or P1DT4H`);
  }
  const { years = 0, quarters = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0, milliseconds = 0 } =
    parsed.toObject();
  if (years !== 0 || quarters !== 0 || months !== 0 || weeks !== 0) {
    throw new Error(`"${text}": years, months and weeks cannot be counted in working time; use days (P5D) or hours (PT40H)`);
  }
  if ([days, hours, minutes, seconds, milliseconds].some((part) => part < 0)) {
    throw new Error(`"${text}": a working-time duration cannot be negative`);
  }
  if (!Number.isInteger(days)) {
    throw new Error(`"${text}": days must be whole; put fractions in hours (PT12H)`);
  }
  const workingMs = Math.round(hours * 3_600_000 + minutes * MS_PER_MINUTE + seconds * 1000 + milliseconds);
  if (days === 0 && workingMs === 0) {
    throw new Error(`"${text}": a working-time duration must be longer than zero`);
  }
  return { days, workingMs };
}

export function addWorkingTime(start: Date, duration: string, calendar: WorkCalendarSpec, zone: string): Date {
  const { days, workingMs } = parseIsoDuration(duration);
  const compiled = compileCalendar(calendar, zone);
  let at = instantOf(start, 'start');
  if (days > 0) at = addDays(compiled, at, days);
  if (workingMs > 0) at = addMs(compiled, at, workingMs);
  return new Date(at);
}

export function addWorkingDays(start: Date, days: number, calendar: WorkCalendarSpec, zone: string): Date {
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`Working days must be a whole number of at least 0, got ${days}`);
  }
  const compiled = compileCalendar(calendar, zone);
  const at = instantOf(start, 'start');
  return new Date(days === 0 ? firstOpenFrom(compiled, at).at : addDays(compiled, at, days));
}

export function isWorkingMoment(at: Date, calendar: WorkCalendarSpec, zone: string): boolean {
  const compiled = compileCalendar(calendar, zone);
  const instant = instantOf(at, 'at');
  const interval = openIntervalOn(compiled, toLocal(instant, compiled.zone).day);
  return interval !== null && interval.open <= instant && instant < interval.close;
}

/** Milliseconds of working time in [from, to); 0 when `to` is not after `from`. */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkCalendarSpec, zone: string): number {
  return msBetween(compileCalendar(calendar, zone), instantOf(from, 'from'), instantOf(to, 'to'));
}

/**
 * The next instant strictly after `after` at which the wall clock in `zone` reads `localTime`
 * ("HH:mm"). When that time occurs twice (fall-back), either occurrence answers, whichever is
 * first after `after`. On a day when it does not exist (DST gap) it resolves as luxon does, moved
 * forward by the gap: "02:30" on a spring-forward night in New York gives 03:30 EDT.
 */
export function nextLocalTime(localTime: string, zone: string, after: Date): Date {
  const minutes = parseWallClockTime(localTime);
  if (minutes === null) throw new Error(`"${localTime}" is not a local time "HH:mm"`);
  if (!isKnownZone(zone)) throw new Error(`"${zone}" is not an IANA time zone`);
  const instant = instantOf(after, 'after');
  const { day } = toLocal(instant, zone);
  for (let candidate = day - 1; candidate <= day + 2; candidate++) {
    const occurrences = wallTimeOccurrences(candidate, minutes * MS_PER_MINUTE, zone);
    const instants = occurrences.length > 0 ? occurrences : [luxonWallTimeInstant(candidate, minutes * MS_PER_MINUTE, zone)];
    const found = instants.find((at) => at > instant);
    if (found !== undefined) return new Date(found);
  }
  // Unreachable for real zones: a given wall time occurs at least once every two days.
  throw new Error(`No ${localTime} in ${zone} within two days after ${after.toISOString()}`);
}

/**
 * The next instant strictly after `after` at which the wall clock in `zone` reads `localTime`
 * ("HH:mm") on ISO weekday `weekday` (1 = Monday .. 7 = Sunday): a weekly wall time, which
 * follows daylight saving like nextLocalTime (09:00 stays 09:00 local across the change).
 */
export function nextLocalWeekdayTime(localTime: string, weekday: number, zone: string, after: Date): Date {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new Error(`${weekday} is not an ISO weekday 1-7`);
  let candidate = nextLocalTime(localTime, zone, after);
  // At most eight steps: a wall time occurs on every local day (a skipped one resolves forward).
  for (let step = 0; step < 8; step++) {
    if (isoWeekday(toLocal(candidate.getTime(), zone).day) === weekday) return candidate;
    candidate = nextLocalTime(localTime, zone, candidate);
  }
  throw new Error(`No ${localTime} on weekday ${weekday} in ${zone} within a week after ${after.toISOString()}`);
}

function instantOf(date: Date, name: string): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new Error(`${name} is an invalid Date`);
  return instant;
}

