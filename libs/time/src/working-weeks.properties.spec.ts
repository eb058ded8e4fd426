import fc from 'fast-check';
import { IANAZone } from 'luxon';
import type { WorkCalendarSpec } from './work-calendar.js';
import { compileCalendar } from './working-intervals.js';
import { referenceAddDays, referenceAddMs, referenceMsBetween } from './working-time.reference.js';
import { addDays, addMs, msBetween } from './working-weeks.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 86_400_000;
const NUM_RUNS = 150;

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const isoDate = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;

// Zones with DST (a 30-minute one, one changing at midnight, Morocco's Ramadan changes five weeks apart) and without.
const ZONES = [
  'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'Africa/Casablanca', 'Australia/Sydney',
  'Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu', 'UTC',
];
const dateArb = fc.integer({ min: dayOf('2025-12-01'), max: dayOf('2028-06-30') });
/** An absence or a public holiday season: a run of consecutive days off. */
const runOfDaysOff = fc.tuple(dateArb, fc.integer({ min: 1, max: 21 })).map(([first, length]) => Array.from({ length }, (_, i) => isoDate(first + i)));

const calendarIn = (zone: string) =>
  fc
    .record({
      days: fc.oneof(fc.constant<number[]>([1, 2, 3, 4, 5]), fc.constant<number[]>([1, 2, 3, 4, 5, 6, 7]), fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 })),
      // Often from the small hours, so that DST changes fall inside open hours and change a day's length.
      start: fc.oneof(fc.integer({ min: 0, max: 1380 }), fc.integer({ min: 0, max: 150 })),
      length: fc.oneof(fc.integer({ min: 60, max: 1440 }), fc.constant(1440)),
      holidays: fc.uniqueArray(dateArb.map(isoDate), { maxLength: 30 }),
      daysOff: fc.array(runOfDaysOff, { maxLength: 4 }),
      workdays: fc.uniqueArray(dateArb.map(isoDate), { maxLength: 8 }),
    })
    .map(({ days, start, length, holidays, daysOff, workdays }): WorkCalendarSpec => {
      const off = new Set([...holidays, ...daysOff.flat()]);
      return {
        name: 'random',
        timezone: zone,
        days,
        start: hhmm(start),
        end: hhmm(Math.min(1440, start + length)),
        holidays: [...off],
        workdays: workdays.filter((date) => !off.has(date)),
      };
    });

/** The days of 2026-2027 on which `zone` changes its UTC offset, read from the zone itself. */
function changeDaysOf(zone: string): number[] {
  const tz = IANAZone.create(zone);
  const days: number[] = [];
  for (let day = dayOf('2026-01-01'); day < dayOf('2028-01-01'); day++) {
    if (tz.offset(day * DAY) !== tz.offset((day + 1) * DAY)) days.push(day);
  }
  return days;
}
const CHANGE_DAYS = new Map(ZONES.map((zone) => [zone, changeDaysOf(zone)]));

/** Anywhere in 2026-2027, or within days of one of the zone's own offset changes. */
const startIn = (zone: string) => {
  const anywhere = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });
  const changes = CHANGE_DAYS.get(zone)!;
  if (changes.length === 0) return anywhere;
  const nearAChange = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -10 * DAY, max: 3 * DAY })).map(([day, shift]) => day * DAY + shift);
  return fc.oneof(anywhere, nearAChange, nearAChange);
};

const scenarioArb = fc.constantFrom(...ZONES).chain((zone) => fc.record({ calendar: calendarIn(zone), start: startIn(zone) }));

const LONGEST_MS = 2160 * HOUR; // P90D written in hours, the longest a policy may ask.
const dayLengthOf = (calendar: WorkCalendarSpec): number =>
  [calendar.end, calendar.start].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))).reduce((end, start) => end - start) * MINUTE;
/**
 * Working time in whole seconds, short ones often, and whole multiples of the calendar's day:
 * those end exactly at a closing, often the last one of a week, where a week counted at once
 * must not run on into the next.
 */
const workingMsFor = (calendar: WorkCalendarSpec) =>
  fc.oneof(
    fc.integer({ min: 1, max: 40 * 3600 }).map((seconds) => seconds * 1000),
    fc.integer({ min: 1, max: LONGEST_MS / 1000 }).map((seconds) => seconds * 1000),
    fc.integer({ min: 1, max: Math.floor(LONGEST_MS / dayLengthOf(calendar)) }).map((days) => days * dayLengthOf(calendar)),
  );
const workingDaysArb = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 90 }));

/** The value, or the message it threw: both implementations must agree on refusals too. */
function outcome(compute: () => number): number | string {
  try {
    return compute();
  } catch (error) {
    return (error as Error).message;
  }
}

describe('whole-week working time equals the day-by-day reference (random calendars, days off, zones, DST, durations up to P90D)', () => {
  it('guarantee: adding working time gives the same instant', () => {
    fc.assert(
      fc.property(scenarioArb.chain((scenario) => fc.tuple(fc.constant(scenario), workingMsFor(scenario.calendar))), ([{ calendar, start }, ms]) => {
        const compiled = compileCalendar(calendar, 'Asia/Tokyo');
        expect(outcome(() => addMs(compiled, start, ms))).toBe(outcome(() => referenceAddMs(compiled, start, ms)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('guarantee: adding working days gives the same instant', () => {
    fc.assert(
      fc.property(scenarioArb, workingDaysArb, ({ calendar, start }, days) => {
        const compiled = compileCalendar(calendar, 'Asia/Tokyo');
        expect(outcome(() => addDays(compiled, start, days))).toBe(outcome(() => referenceAddDays(compiled, start, days)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('guarantee: the working time between two instants is the same', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: -DAY, max: 400 * DAY }), ({ calendar, start }, span) => {
        const compiled = compileCalendar(calendar, 'Asia/Tokyo');
        expect(msBetween(compiled, start, start + span)).toBe(referenceMsBetween(compiled, start, start + span));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('guarantee: a calendar without working time is refused with the same error, not looped over', () => {
    const never = compileCalendar({ name: 'never', timezone: 'UTC', days: [], start: '09:00', end: '18:00', holidays: [], workdays: [] }, 'UTC');
    const start = Date.parse('2026-03-02T00:00:00Z');
    expect(outcome(() => addMs(never, start, HOUR))).toBe(outcome(() => referenceAddMs(never, start, HOUR)));
    expect(outcome(() => addMs(never, start, HOUR))).toMatch(/no working time in 3660 consecutive days/);
    expect(outcome(() => addDays(never, start + 400 * DAY, 1))).toMatch(/no working time/);
  });
});
