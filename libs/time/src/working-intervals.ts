import { effectiveZone, type WorkCalendarSpec } from './work-calendar.js';
import {
  firstInstantShowing,
  isKnownZone,
  isoWeekday,
  type LocalDay,
  MS_PER_DAY,
  MS_PER_MINUTE,
  parseLocalDate,
  parseWallClockTime,
  toLocal,
} from './wall-clock.js';
import { steadyOffsetBetween } from './zone-offsets.js';

/** A calendar with its text parsed once, bound to the zone its hours are read in. */
export interface CompiledCalendar {
  name: string;
  zone: string;
  days: ReadonlySet<number>;
  holidays: ReadonlySet<LocalDay>;
  workdays: ReadonlySet<LocalDay>;
  /** Holidays and make-up days together, ascending: the days that break a week's regular hours. */
  irregularDays: readonly LocalDay[];
  openMs: number;
  closeMs: number;
  /** openIntervalOn's answers by day: the same days are asked for again and again (every person of a plan publish). */
  intervals: Map<LocalDay, OpenInterval | null>;
}

/** One local day's open hours as instants: [open, close). Every instant in it reads that local date. */
export interface OpenInterval {
  day: LocalDay;
  open: number;
  close: number;
}

/** How many consecutive days without working time we accept before calling a calendar unworkable. */
export const MAX_IDLE_DAYS = 3660;

/** Compiled once per calendar object and zone: a deadline's arithmetic asks for the same one several times. */
const compiledFor = new WeakMap<WorkCalendarSpec, Map<string, CompiledCalendar>>();

export function compileCalendar(calendar: WorkCalendarSpec, employeeZone: string): CompiledCalendar {
  const byZone = compiledFor.get(calendar) ?? new Map<string, CompiledCalendar>();
  compiledFor.set(calendar, byZone);
  const zone = effectiveZone(calendar, employeeZone);
  const known = byZone.get(zone);
  if (known) return known;
  const compiled = compile(calendar, zone);
  byZone.set(zone, compiled);
  return compiled;
}

function compile(calendar: WorkCalendarSpec, zone: string): CompiledCalendar {
  const problem = (detail: string): Error => new Error(`Work calendar "${calendar.name}": ${detail}`);
  if (!isKnownZone(zone)) throw problem(`"${zone}" is not an IANA time zone`);
  const open = parseWallClockTime(calendar.start);
  const close = parseWallClockTime(calendar.end, { allowEndOfDay: true });
  if (open === null) throw problem(`start "${calendar.start}" is not a time "HH:mm"`);
  if (close === null) throw problem(`end "${calendar.end}" is not a time "HH:mm"`);
  if (close <= open) throw problem(`end "${calendar.end}" is not after start "${calendar.start}"`);
  const dates = (field: 'holidays' | 'workdays'): Set<LocalDay> =>
    new Set(
      calendar[field].map((text) => {
        const day = parseLocalDate(text);
        if (day === null) throw problem(`${field} entry "${text}" is not a date "YYYY-MM-DD"`);
        return day;
      }),
    );
  const [holidays, workdays] = [dates('holidays'), dates('workdays')];
  return {
    name: calendar.name,
    zone,
    days: new Set(calendar.days),
    holidays,
    workdays,
    irregularDays: [...new Set([...holidays, ...workdays])].sort((a, b) => a - b),
    openMs: open * MS_PER_MINUTE,
    closeMs: close * MS_PER_MINUTE,
    intervals: new Map(),
  };
}

export function isWorkingDay(calendar: CompiledCalendar, day: LocalDay): boolean {
  if (calendar.holidays.has(day)) return false;
  return calendar.days.has(isoWeekday(day)) || calendar.workdays.has(day);
}

/** Days remembered per compiled calendar (about 27 years): a long-lived calendar object stays small. */
const MAX_REMEMBERED_DAYS = 10_000;

/**
 * The open hours of `day`, or null when it is not worked. Remembered per compiled calendar: each
 * answer costs two zone-offset look-ups in luxon, and a plan publish asks for the same few dozen
 * days for each of thousands of people (10,000 people x 40 days was ~15 s of luxon).
 */
export function openIntervalOn(calendar: CompiledCalendar, day: LocalDay): OpenInterval | null {
  const known = calendar.intervals.get(day);
  if (known !== undefined) return known;
  if (calendar.intervals.size >= MAX_REMEMBERED_DAYS) calendar.intervals.clear();
  const interval = computeOpenInterval(calendar, day);
  calendar.intervals.set(day, interval);
  return interval;
}

function computeOpenInterval(calendar: CompiledCalendar, day: LocalDay): OpenInterval | null {
  if (!isWorkingDay(calendar, day)) return null;
  // One offset from two days before to two days after: every reading below would find just it.
  const offset = steadyOffsetBetween(calendar.zone, (day - 2) * MS_PER_DAY, (day + 3) * MS_PER_DAY);
  if (offset !== null) {
    const midnight = day * MS_PER_DAY - offset * MS_PER_MINUTE;
    return Object.freeze({ day, open: midnight + calendar.openMs, close: midnight + calendar.closeMs });
  }
  const open = firstInstantShowing(day, calendar.openMs, calendar.zone);
  const close = firstInstantShowing(day, calendar.closeMs, calendar.zone);
  // Hours lying wholly inside a DST gap are never shown by the clock that day.
  return close > open ? Object.freeze({ day, open, close }) : null;
}

export function noWorkingTimeError(calendar: CompiledCalendar): Error {
  return new Error(
    `Work calendar "${calendar.name}" has no working time in ${MAX_IDLE_DAYS} consecutive days; check its days and holidays`,
  );
}

/** The open interval containing `at`, or the next one after it, with the instant counting starts from. */
export function firstOpenFrom(calendar: CompiledCalendar, at: number): { at: number; interval: OpenInterval } {
  const firstDay = toLocal(at, calendar.zone).day;
  for (let day = firstDay; day <= firstDay + MAX_IDLE_DAYS; day++) {
    const interval = openIntervalOn(calendar, day);
    if (interval !== null && interval.close > at) return { at: Math.max(interval.open, at), interval };
  }
  throw noWorkingTimeError(calendar);
}
