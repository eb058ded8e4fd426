import fc from 'fast-check';
import { IANAZone } from 'luxon';
import type { WorkCalendarSpec } from './work-calendar.js';
import { addWorkingDays, addWorkingTime, isWorkingMoment, workingTimeBetween } from './working-time.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const NUM_RUNS = 200;

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const isoDate = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;

const dateInRange = fc.integer({ min: dayOf('2025-12-20'), max: dayOf('2028-01-10') }).map(isoDate);

/** Random valid calendars, open at least an hour a day so that PT200H never spans decades. */
const calendarArb = (zones: string[]) =>
  fc
    .record({
      timezone: fc.constantFrom(...zones),
      days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      start: fc.integer({ min: 0, max: 1380 }),
      length: fc.integer({ min: 60, max: 1440 }),
      holidays: fc.uniqueArray(dateInRange, { maxLength: 40 }),
      workdays: fc.uniqueArray(dateInRange, { maxLength: 10 }),
    })
    .map(
      ({ timezone, days, start, length, holidays, workdays }): WorkCalendarSpec => ({
        name: 'random',
        timezone,
        days,
        start: hhmm(start),
        end: hhmm(Math.min(1440, start + length)),
        holidays,
        workdays,
      }),
    );

const DST_ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago'];
const ALL_ZONES = [...DST_ZONES, 'Asia/Shanghai', 'Asia/Kolkata', 'UTC'];

// Starts either anywhere in 2026-2027 or within days of a DST change in one of the zones above.
const CHANGE_DAYS = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-10-04', '2026-09-06'];
const startArb = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
  fc
    .tuple(fc.constantFrom(...CHANGE_DAYS), fc.integer({ min: -3 * DAY, max: 2 * DAY }))
    .map(([iso, shift]) => Date.parse(`${iso}T00:00:00Z`) + shift),
);
const minutesArb = fc.integer({ min: 1, max: 200 * 60 });

const after = (start: number, minutes: number, calendar: WorkCalendarSpec): number =>
  addWorkingTime(new Date(start), `PT${minutes}M`, calendar, 'Asia/Tokyo').getTime();

describe('addWorkingTime properties (random calendars, zones, starts and PT1M..PT200H)', () => {
  it('lands at or after the start, with exactly the asked working time in between, at the end of working time', () => {
    fc.assert(
      fc.property(calendarArb(ALL_ZONES), startArb, minutesArb, (calendar, start, minutes) => {
        const result = after(start, minutes, calendar);
        expect(result).toBeGreaterThanOrEqual(start);
        expect(workingTimeBetween(new Date(start), new Date(result), calendar, 'Asia/Tokyo')).toBe(minutes * MINUTE);
        expect(isWorkingMoment(new Date(result - 1), calendar, 'Asia/Tokyo')).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never gives an earlier result for a longer duration', () => {
    fc.assert(
      fc.property(calendarArb(ALL_ZONES), startArb, minutesArb, minutesArb, (calendar, start, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        expect(after(start, shorter, calendar)).toBeLessThanOrEqual(after(start, longer, calendar));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('adds up: a then b from where a ended equals a + b', () => {
    fc.assert(
      fc.property(calendarArb(ALL_ZONES), startArb, minutesArb, minutesArb, (calendar, start, a, b) => {
        expect(after(after(start, a, calendar), b, calendar)).toBe(after(start, a + b, calendar));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('addWorkingDays properties', () => {
  it('lands inside working time, or on a closing', () => {
    fc.assert(
      fc.property(calendarArb(ALL_ZONES), startArb, fc.integer({ min: 0, max: 30 }), (calendar, start, days) => {
        const result = addWorkingDays(new Date(start), days, calendar, 'Asia/Tokyo');
        expect(result.getTime()).toBeGreaterThanOrEqual(start);
        const inside = isWorkingMoment(result, calendar, 'Asia/Tokyo');
        const atClosing = isWorkingMoment(new Date(result.getTime() - 1), calendar, 'Asia/Tokyo');
        expect(inside || atClosing).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/**
 * An independent, minute-by-minute reading of the definition: a minute is worked when the wall
 * clock then shows a working date and a time within [start, end).
 */
function workedMinutesByWallClock(from: number, to: number, calendar: WorkCalendarSpec, zone: string): number {
  const tz = IANAZone.create(zone);
  const [startMinute, endMinute] = [calendar.start, calendar.end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  const QUARTER = 15 * MINUTE;
  // Offsets change only at quarter-hour instants, so one reading per quarter hour is exact (and 15 times cheaper).
  const offsets = new Map<number, number>();
  const offsetAt = (instant: number): number => {
    const quarter = Math.floor(instant / QUARTER) * QUARTER;
    const known = offsets.get(quarter);
    if (known !== undefined) return known;
    const offset = tz.offset(quarter);
    offsets.set(quarter, offset);
    return offset;
  };
  let worked = 0;
  for (let instant = from; instant < to; instant += MINUTE) {
    const local = new Date(instant + offsetAt(instant) * MINUTE);
    const date = local.toISOString().slice(0, 10);
    const weekday = ((local.getUTCDay() + 6) % 7) + 1;
    const workingDate = !calendar.holidays.includes(date) && (calendar.days.includes(weekday) || calendar.workdays.includes(date));
    const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (workingDate && startMinute <= minuteOfDay && minuteOfDay < endMinute) worked++;
  }
  return worked;
}

// Each zone's 2026 DST changes, and the minutes its clock repeats when it falls back: a boundary
// there has two readings, and the oracle cannot say which one the calendar means.
const DST_CHANGES: Record<string, { days: string[]; repeated: [number, number] }> = {
  'America/New_York': { days: ['2026-03-08', '2026-11-01'], repeated: [60, 120] },
  'Europe/Berlin': { days: ['2026-03-29', '2026-10-25'], repeated: [120, 180] },
  'Australia/Lord_Howe': { days: ['2026-04-05', '2026-10-04'], repeated: [90, 120] },
  'America/Santiago': { days: ['2026-04-05', '2026-09-06'], repeated: [1380, 1440] },
};

// Boundaries drawn mostly from the small hours and late evening, where the changes happen.
const boundaryArb = fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 60, max: 200 }), fc.integer({ min: 1320, max: 1440 }));
// DST changes happen on Sundays: make sure Sunday is often worked.
const daysArb = fc.oneof(fc.constant<number[]>([1, 2, 3, 4, 5, 6, 7]), fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }));

const aroundAChange = fc
  .constantFrom(...Object.keys(DST_CHANGES))
  .chain((zone) =>
    fc.record({
      zone: fc.constant(zone),
      hours: fc
        .tuple(boundaryArb, boundaryArb)
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b)])
        .filter(([a, b]) => a < b && a < 1440 && ![a, b].some((m) => DST_CHANGES[zone].repeated[0] <= m && m < DST_CHANGES[zone].repeated[1])),
      days: daysArb,
      holidays: fc.uniqueArray(fc.constantFrom(...DST_CHANGES[zone].days), { maxLength: 1 }),
      from: fc
        .tuple(fc.constantFrom(...DST_CHANGES[zone].days), fc.integer({ min: -36 * 60, max: 24 * 60 }))
        .map(([iso, shift]) => Date.parse(`${iso}T00:00:00Z`) + shift * MINUTE),
      minutes: fc.integer({ min: 0, max: 2 * 1440 }),
    }),
  );

describe('workingTimeBetween agrees with a minute-by-minute wall-clock count', () => {
  it('around DST changes, with hours that start or end in the gap', () => {
    fc.assert(
      fc.property(aroundAChange, ({ zone, hours: [start, end], days, holidays, from, minutes }) => {
        const calendar: WorkCalendarSpec = { name: 'random', days, start: hhmm(start), end: hhmm(end), holidays, workdays: [] };
        const to = from + minutes * MINUTE;
        expect(workingTimeBetween(new Date(from), new Date(to), calendar, zone)).toBe(
          workedMinutesByWallClock(from, to, calendar, zone) * MINUTE,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('in zones without DST, over random calendars', () => {
    const zones = ['Asia/Kathmandu', 'Asia/Shanghai', 'UTC'];
    fc.assert(
      fc.property(calendarArb(zones), startArb, fc.integer({ min: 0, max: 2 * 1440 }), (calendar, start, minutes) => {
        const from = Math.floor(start / MINUTE) * MINUTE;
        const to = from + minutes * MINUTE;
        expect(workingTimeBetween(new Date(from), new Date(to), calendar, 'UTC')).toBe(
          workedMinutesByWallClock(from, to, calendar, calendar.timezone ?? 'UTC') * MINUTE,
        );
      }),
      { numRuns: 100 },
    );
  });
});
