/*
 * The working-time arithmetic as it was before whole weeks were counted at once: day by day, each
 * day's open hours read through luxon. The reference the property test holds the fast code to,
 * and the "before" line of bench:working-time. Not for production code.
 */
import { firstInstantShowing, type LocalDay, toLocal } from './wall-clock.js';
import { type CompiledCalendar, isWorkingDay, MAX_IDLE_DAYS, noWorkingTimeError, type OpenInterval } from './working-intervals.js';

/** Each compiled calendar's days as read before, remembered apart from openIntervalOn's. */
const intervalsOf = new WeakMap<CompiledCalendar, Map<LocalDay, OpenInterval | null>>();

function openIntervalOn(calendar: CompiledCalendar, day: LocalDay): OpenInterval | null {
  const intervals = intervalsOf.get(calendar) ?? new Map<LocalDay, OpenInterval | null>();
  intervalsOf.set(calendar, intervals);
  if (intervals.has(day)) return intervals.get(day)!;
  let interval: OpenInterval | null = null;
  if (isWorkingDay(calendar, day)) {
    const open = firstInstantShowing(day, calendar.openMs, calendar.zone);
    const close = firstInstantShowing(day, calendar.closeMs, calendar.zone);
    interval = close > open ? { day, open, close } : null;
  }
  intervals.set(day, interval);
  return interval;
}

function firstOpenFrom(calendar: CompiledCalendar, at: number): { at: number; interval: OpenInterval } {
  const firstDay = toLocal(at, calendar.zone).day;
  for (let day = firstDay; day <= firstDay + MAX_IDLE_DAYS; day++) {
    const interval = openIntervalOn(calendar, day);
    if (interval !== null && interval.close > at) return { at: Math.max(interval.open, at), interval };
  }
  throw noWorkingTimeError(calendar);
}

export function referenceAddMs(calendar: CompiledCalendar, start: number, ms: number): number {
  let remaining = ms;
  let idle = 0;
  for (let day = toLocal(start, calendar.zone).day; ; day++) {
    const interval = openIntervalOn(calendar, day);
    if (interval === null || interval.close <= start) {
      if (++idle > MAX_IDLE_DAYS) throw noWorkingTimeError(calendar);
      continue;
    }
    idle = 0;
    const from = Math.max(interval.open, start);
    const available = interval.close - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
}


export function referenceAddDays(calendar: CompiledCalendar, start: number, days: number): number {
  const { at, interval } = firstOpenFrom(calendar, start);
  const { msOfDay } = toLocal(at, calendar.zone);
  let target = interval.day;
  let counted = 0;
  let idle = 0;
  let landing: OpenInterval | null = null;
  while (counted < days) {
    target++;
    landing = openIntervalOn(calendar, target);
    if (landing !== null) {
      counted++;
      idle = 0;
    } else if (++idle > MAX_IDLE_DAYS) {
      throw noWorkingTimeError(calendar);
    }
  }
  if (landing === null) return at;
  // A clock time skipped by a DST gap resolves to the jump, which can be the closing itself.
  const result = firstInstantShowing(target, msOfDay, calendar.zone);
  return Math.min(Math.max(result, landing.open), landing.close);
}

export function referenceMsBetween(calendar: CompiledCalendar, start: number, end: number): number {
  if (end <= start) return 0;
  const lastDay = toLocal(end, calendar.zone).day;
  let total = 0;
  for (let day = toLocal(start, calendar.zone).day; day <= lastDay; day++) {
    const interval = openIntervalOn(calendar, day);
    if (interval !== null) total += Math.max(0, Math.min(interval.close, end) - Math.max(interval.open, start));
  }
  return total;
}
