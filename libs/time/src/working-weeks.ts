/*
 * Working-time loops that count a plain week (plain-week.ts) at once and only the other days one
 * by one, so the cost follows the weeks spanned and the holidays and offset changes met, not
 * the days or minutes. Each gives exactly what its day-by-day reference (working-time.reference.ts)
 * gives; the property test in working-weeks.properties.spec.ts holds them to it.
 */
import { plainWeekFrom, type PlainWeek } from './plain-week.js';
import { firstInstantShowing, type LocalDay, toLocal } from './wall-clock.js';
import {
  type CompiledCalendar,
  firstOpenFrom,
  MAX_IDLE_DAYS,
  noWorkingTimeError,
  type OpenInterval,
  openIntervalOn,
} from './working-intervals.js';

/** Finds plain weeks along a walk through the days, remembering where the next one can start. */
class WeekFinder {
  private nextCandidate: LocalDay = Number.NEGATIVE_INFINITY;

  constructor(private readonly calendar: CompiledCalendar) {}

  plainFrom(day: LocalDay): PlainWeek | null {
    if (day < this.nextCandidate) return null;
    const check = plainWeekFrom(this.calendar, day);
    if (check.week === null) this.nextCandidate = check.nextCandidate;
    return check.week;
  }
}

/** Counts days without working time, and throws once there have been too many in a row. */
class IdleDays {
  private count = 0;

  constructor(private readonly calendar: CompiledCalendar) {}

  idle(days = 1): void {
    this.count += days;
    if (this.count > MAX_IDLE_DAYS) throw noWorkingTimeError(this.calendar);
  }

  worked(): void {
    this.count = 0;
  }

  /** A whole week passed: its leading idle days count on, its trailing ones start the next run. */
  week(week: PlainWeek): void {
    if (week.workingDays === 0) return this.idle(7);
    this.idle(week.leadingIdleDays);
    this.count = week.trailingIdleDays;
  }
}

/** `start` plus `ms` of working time. */
export function addMs(calendar: CompiledCalendar, start: number, ms: number): number {
  const weeks = new WeekFinder(calendar);
  const idle = new IdleDays(calendar);
  const firstDay = toLocal(start, calendar.zone).day;
  let remaining = ms;
  for (let day = firstDay; ; day++) {
    // From the second day on every open interval lies after `start`, so a week counts whole.
    const week = day > firstDay ? weeks.plainFrom(day) : null;
    if (week !== null && remaining > week.workingMs) {
      idle.week(week);
      remaining -= week.workingMs;
      day += 6;
      continue;
    }
    const interval = openIntervalOn(calendar, day);
    if (interval === null || interval.close <= start) {
      idle.idle();
      continue;
    }
    idle.worked();
    const from = Math.max(interval.open, start);
    const available = interval.close - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
}

/** `days` working days after `start` (counted from its opening when outside working time), at the same clock time. */
export function addDays(calendar: CompiledCalendar, start: number, days: number): number {
  const { at, interval } = firstOpenFrom(calendar, start);
  const { msOfDay } = toLocal(at, calendar.zone);
  const weeks = new WeekFinder(calendar);
  const idle = new IdleDays(calendar);
  let target = interval.day;
  let counted = 0;
  let landing: OpenInterval | null = null;
  while (counted < days) {
    const week = weeks.plainFrom(target + 1);
    if (week !== null && counted + week.workingDays < days) {
      idle.week(week);
      counted += week.workingDays;
      target += 7;
      continue;
    }
    target++;
    landing = openIntervalOn(calendar, target);
    if (landing !== null) {
      counted++;
      idle.worked();
    } else {
      idle.idle();
    }
  }
  if (landing === null) return at;
  // A clock time skipped by a DST gap resolves to the jump, which can be the closing itself.
  const result = firstInstantShowing(target, msOfDay, calendar.zone);
  return Math.min(Math.max(result, landing.open), landing.close);
}

/** Milliseconds of working time in [start, end). */
export function msBetween(calendar: CompiledCalendar, start: number, end: number): number {
  if (end <= start) return 0;
  const weeks = new WeekFinder(calendar);
  const firstDay = toLocal(start, calendar.zone).day;
  const lastDay = toLocal(end, calendar.zone).day;
  let total = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    // A week strictly between the first and the last day lies wholly inside [start, end).
    const week = day > firstDay && day + 7 <= lastDay ? weeks.plainFrom(day) : null;
    if (week !== null) {
      total += week.workingMs;
      day += 6;
      continue;
    }
    const interval = openIntervalOn(calendar, day);
    if (interval !== null) total += Math.max(0, Math.min(interval.close, end) - Math.max(interval.open, start));
  }
  return total;
}
