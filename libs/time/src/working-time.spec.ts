import { ALWAYS_CALENDAR, STANDARD_CALENDAR, type WorkCalendarSpec } from './work-calendar.js';
import {
  addWorkingDays,
  addWorkingTime,
  isWorkingMoment,
  nextLocalTime,
  nextLocalWeekdayTime,
  parseIsoDuration,
  workingTimeBetween,
} from './working-time.js';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;

const d = (iso: string): Date => new Date(iso);
const utc = (date: Date): string => date.toISOString();

// 2026 National Day week off, with a Sunday and a Saturday worked to make up for it.
const CHINA: WorkCalendarSpec = {
  name: 'cn',
  timezone: SHANGHAI,
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};
const EVERY_DAY_9_TO_6: WorkCalendarSpec = { ...STANDARD_CALENDAR, name: 'daily', days: [1, 2, 3, 4, 5, 6, 7] };
const EVENINGS: WorkCalendarSpec = { ...STANDARD_CALENDAR, name: 'evenings', start: '16:00', end: '24:00' };

describe('parseIsoDuration', () => {
  it('splits a duration into working days and working milliseconds', () => {
    expect(parseIsoDuration('PT8H')).toEqual({ days: 0, workingMs: 8 * HOUR });
    expect(parseIsoDuration('P2DT1H30M')).toEqual({ days: 2, workingMs: 1.5 * HOUR });
    expect(parseIsoDuration('PT1.5H')).toEqual({ days: 0, workingMs: 1.5 * HOUR });
    expect(parseIsoDuration('PT90S')).toEqual({ days: 0, workingMs: 90_000 });
    expect(parseIsoDuration('P3D')).toEqual({ days: 3, workingMs: 0 });
  });

  it.each([
    ['8 hours', /not an ISO-8601 duration/],
    ['', /not an ISO-8601 duration/],
    ['P1W', /years, months and weeks/],
    ['P1M', /years, months and weeks/],
    ['P1Y', /years, months and weeks/],
    ['PT0S', /longer than zero/],
    ['P0D', /longer than zero/],
    ['PT', /longer than zero/],
    ['PT-1H', /negative/],
    ['-PT1H', /negative/],
    ['P1.5D', /whole/],
  ])('refuses %j', (text, message) => {
    expect(() => parseIsoDuration(text)).toThrow(message);
  });
});

describe('addWorkingTime on the standard calendar', () => {
  it('carries PT8H from Friday 14:00 over the weekend to Monday 13:00 (Shanghai)', () => {
    // Friday 14:00-18:00 is 4 h, Monday 09:00-13:00 the other 4 h.
    expect(utc(addWorkingTime(d('2026-03-13T14:00:00+08:00'), 'PT8H', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T05:00:00.000Z',
    );
  });

  it('starts counting at the next opening when started before hours, after hours or at the weekend', () => {
    expect(utc(addWorkingTime(d('2026-03-16T07:00:00+08:00'), 'PT1H', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T02:00:00.000Z', // Monday 10:00
    );
    expect(utc(addWorkingTime(d('2026-03-16T20:00:00+08:00'), 'PT1H', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-17T02:00:00.000Z', // Tuesday 10:00
    );
    expect(utc(addWorkingTime(d('2026-03-14T10:00:00+08:00'), 'PT30M', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T01:30:00.000Z', // Saturday start, Monday 09:30
    );
  });

  it('lands on the closing instant when the time runs out exactly at closing', () => {
    expect(utc(addWorkingTime(d('2026-03-16T09:00:00+08:00'), 'PT9H', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T10:00:00.000Z', // Monday 18:00, not Tuesday 09:00
    );
    expect(utc(addWorkingTime(d('2026-03-13T09:00:00+08:00'), 'PT18H', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T10:00:00.000Z', // Friday 09:00 + 18 h = Monday 18:00
    );
  });

  it('treats the closing instant itself as outside working time', () => {
    expect(utc(addWorkingTime(d('2026-03-16T18:00:00+08:00'), 'PT1M', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-17T01:01:00.000Z', // Tuesday 09:01
    );
    expect(isWorkingMoment(d('2026-03-16T18:00:00+08:00'), STANDARD_CALENDAR, SHANGHAI)).toBe(false);
    expect(isWorkingMoment(d('2026-03-16T17:59:59.999+08:00'), STANDARD_CALENDAR, SHANGHAI)).toBe(true);
    expect(isWorkingMoment(d('2026-03-16T09:00:00+08:00'), STANDARD_CALENDAR, SHANGHAI)).toBe(true);
    expect(isWorkingMoment(d('2026-03-16T08:59:59.999+08:00'), STANDARD_CALENDAR, SHANGHAI)).toBe(false);
  });

  it("lets the calendar's timezone win over the employee's zone", () => {
    const shanghaiCalendar = { ...STANDARD_CALENDAR, timezone: SHANGHAI };
    const start = d('2026-03-13T14:00:00+08:00');
    expect(utc(addWorkingTime(start, 'PT8H', shanghaiCalendar, NEW_YORK))).toBe('2026-03-16T05:00:00.000Z');
    // The same start read in New York (Friday 02:00 EDT) finishes the same Friday at 17:00 EDT.
    expect(utc(addWorkingTime(start, 'PT8H', STANDARD_CALENDAR, NEW_YORK))).toBe('2026-03-13T21:00:00.000Z');
    expect(isWorkingMoment(d('2026-03-16T02:00:00Z'), shanghaiCalendar, NEW_YORK)).toBe(true);
    expect(workingTimeBetween(d('2026-03-16T00:00:00Z'), d('2026-03-17T00:00:00Z'), shanghaiCalendar, NEW_YORK)).toBe(9 * HOUR);
  });
});

describe('holidays and make-up working days (2026 National Day, Shanghai)', () => {
  it('skips the holiday week', () => {
    // Wednesday 16:00-18:00 is 2 h, October 1-7 are off, Thursday the 8th 09:00-15:00 is 6 h.
    expect(utc(addWorkingTime(d('2026-09-30T16:00:00+08:00'), 'PT8H', CHINA, SHANGHAI))).toBe('2026-10-08T07:00:00.000Z');
  });

  it('starts on a holiday at the first opening after it', () => {
    expect(utc(addWorkingTime(d('2026-10-03T12:00:00+08:00'), 'PT1H', CHINA, SHANGHAI))).toBe('2026-10-08T02:00:00.000Z');
  });

  it('works the make-up Sunday and Saturday', () => {
    // Friday 17:00-18:00 is 1 h, Saturday the 26th is off, Sunday the 27th 09:00-16:00 is 7 h.
    expect(utc(addWorkingTime(d('2026-09-25T17:00:00+08:00'), 'PT8H', CHINA, SHANGHAI))).toBe('2026-09-27T08:00:00.000Z');
    // Friday 17:00-18:00 is 1 h, Saturday the 10th 09:00-11:00 is 2 h.
    expect(utc(addWorkingTime(d('2026-10-09T17:00:00+08:00'), 'PT3H', CHINA, SHANGHAI))).toBe('2026-10-10T03:00:00.000Z');
  });

  it('counts working days across them', () => {
    expect(utc(addWorkingTime(d('2026-09-30T10:00:00+08:00'), 'P1D', CHINA, SHANGHAI))).toBe('2026-10-08T02:00:00.000Z');
    // Saturday the 10th is the first working day, Monday the 12th the second.
    expect(utc(addWorkingDays(d('2026-10-09T10:00:00+08:00'), 2, CHINA, SHANGHAI))).toBe('2026-10-12T02:00:00.000Z');
  });

  it('knows which moments are worked', () => {
    expect(isWorkingMoment(d('2026-10-01T10:00:00+08:00'), CHINA, SHANGHAI)).toBe(false); // holiday Thursday
    expect(isWorkingMoment(d('2026-10-10T10:00:00+08:00'), CHINA, SHANGHAI)).toBe(true); // make-up Saturday
    expect(isWorkingMoment(d('2026-10-11T10:00:00+08:00'), CHINA, SHANGHAI)).toBe(false); // ordinary Sunday
    expect(workingTimeBetween(d('2026-09-26T00:00:00+08:00'), d('2026-10-12T00:00:00+08:00'), CHINA, SHANGHAI)).toBe(
      (1 + 3 + 2 + 1) * 9 * HOUR, // Sun 27; Mon-Wed 28-30; Thu-Fri 8-9; Sat 10
    );
  });

  it('lets a holiday win over a weekday and over a workday entry', () => {
    const both = { ...CHINA, workdays: ['2026-10-01'] };
    expect(isWorkingMoment(d('2026-10-01T10:00:00+08:00'), both, SHANGHAI)).toBe(false);
  });
});

describe('addWorkingDays and the day part of a duration', () => {
  it('keeps the local clock time on the next working day', () => {
    expect(utc(addWorkingTime(d('2026-03-13T14:00:00+08:00'), 'P1D', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T06:00:00.000Z', // Friday 14:00 -> Monday 14:00
    );
    expect(utc(addWorkingDays(d('2026-03-16T14:00:00+08:00'), 5, STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-23T06:00:00.000Z',
    );
  });

  it('counts from the next opening when started outside hours', () => {
    expect(utc(addWorkingTime(d('2026-03-13T20:00:00+08:00'), 'P1D', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-17T01:00:00.000Z', // Friday evening -> Monday 09:00 + 1 day -> Tuesday 09:00
    );
    expect(utc(addWorkingDays(d('2026-03-14T10:00:00+08:00'), 0, STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T01:00:00.000Z', // zero days from Saturday is Monday's opening
    );
  });

  it('applies days first, then hours', () => {
    expect(utc(addWorkingTime(d('2026-03-13T14:00:00+08:00'), 'P1DT2H', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-16T08:00:00.000Z', // Monday 16:00
    );
    expect(utc(addWorkingTime(d('2026-03-13T14:00:00+08:00'), 'P1DT5H', STANDARD_CALENDAR, SHANGHAI))).toBe(
      '2026-03-17T02:00:00.000Z', // Monday 14:00 + 4 h to closing + 1 h on Tuesday
    );
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(d('2026-03-16T10:00:00Z'), -1, STANDARD_CALENDAR, SHANGHAI)).toThrow(/whole number/);
    expect(() => addWorkingDays(d('2026-03-16T10:00:00Z'), 0.5, STANDARD_CALENDAR, SHANGHAI)).toThrow(/whole number/);
  });
});

describe('daylight saving time', () => {
  it('keeps Monday 09:00-13:00 local across a spring-forward weekend (New York)', () => {
    // Friday 14:00 EST + 4 h, then Monday 09:00-13:00 EDT.
    expect(utc(addWorkingTime(d('2026-03-06T14:00:00-05:00'), 'PT8H', STANDARD_CALENDAR, NEW_YORK))).toBe(
      '2026-03-09T17:00:00.000Z',
    );
  });

  it('keeps Monday 09:00-13:00 local across a fall-back weekend (New York)', () => {
    expect(utc(addWorkingTime(d('2026-10-30T14:00:00-04:00'), 'PT8H', STANDARD_CALENDAR, NEW_YORK))).toBe(
      '2026-11-02T18:00:00.000Z',
    );
  });

  it('keeps local hours across both Berlin changes', () => {
    expect(utc(addWorkingTime(d('2026-03-27T14:00:00+01:00'), 'PT8H', STANDARD_CALENDAR, BERLIN))).toBe(
      '2026-03-30T11:00:00.000Z', // Monday 13:00 CEST
    );
    expect(utc(addWorkingTime(d('2026-10-23T14:00:00+02:00'), 'PT8H', STANDARD_CALENDAR, BERLIN))).toBe(
      '2026-10-26T12:00:00.000Z', // Monday 13:00 CET
    );
  });

  it('gives a 09:00-18:00 day 9 real hours on the change days themselves', () => {
    for (const [from, to] of [
      ['2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00'],
      ['2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00'],
    ]) {
      expect(workingTimeBetween(d(from), d(to), EVERY_DAY_9_TO_6, NEW_YORK)).toBe(9 * HOUR);
    }
    expect(utc(addWorkingTime(d('2026-03-08T09:00:00-04:00'), 'PT9H', EVERY_DAY_9_TO_6, NEW_YORK))).toBe(
      '2026-03-08T22:00:00.000Z', // 18:00 EDT
    );
  });

  it('counts night hours that straddle the change in real time (00:00-04:00 is 3 h, then 5 h)', () => {
    const nights = { ...EVERY_DAY_9_TO_6, start: '00:00', end: '04:00' };
    const spring = workingTimeBetween(d('2026-03-08T00:00:00-05:00'), d('2026-03-08T12:00:00-04:00'), nights, NEW_YORK);
    const autumn = workingTimeBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-01T12:00:00-05:00'), nights, NEW_YORK);
    expect([spring, autumn]).toEqual([3 * HOUR, 5 * HOUR]);
  });

  it('closes hours ending inside the spring-forward gap when the clock jumps', () => {
    // The clock reads 01:30-01:59 EST, then jumps from 02:00 to 03:00: past 02:30 already.
    const earlyShift = { ...EVERY_DAY_9_TO_6, start: '01:30', end: '02:30' };
    expect(utc(addWorkingTime(d('2026-03-08T01:30:00-05:00'), 'PT30M', earlyShift, NEW_YORK))).toBe('2026-03-08T07:00:00.000Z');
    expect(isWorkingMoment(d('2026-03-08T07:00:00Z'), earlyShift, NEW_YORK)).toBe(false);
    expect(utc(addWorkingTime(d('2026-03-08T01:30:00-05:00'), 'PT31M', earlyShift, NEW_YORK))).toBe(
      '2026-03-09T05:31:00.000Z', // Monday 01:31 EDT
    );
  });

  it('reads a boundary in the repeated fall-back hour as its first occurrence', () => {
    const earlyShift = { ...EVERY_DAY_9_TO_6, start: '00:30', end: '01:30' };
    // 00:30 EDT to the first 01:30 (EDT): one hour, the repeated 01:00-01:30 EST is not worked.
    expect(workingTimeBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-01T12:00:00-05:00'), earlyShift, NEW_YORK)).toBe(HOUR);
    expect(isWorkingMoment(d('2026-11-01T05:29:00Z'), earlyShift, NEW_YORK)).toBe(true);
    expect(isWorkingMoment(d('2026-11-01T06:15:00Z'), earlyShift, NEW_YORK)).toBe(false);
  });

  describe('with the 24x7 calendar, working time is real elapsed time', () => {
    it('PT24H across spring-forward is 24 real hours, P1D is the same clock time 23 hours later', () => {
      const start = d('2026-03-07T12:00:00-05:00');
      expect(utc(addWorkingTime(start, 'PT24H', ALWAYS_CALENDAR, NEW_YORK))).toBe('2026-03-08T17:00:00.000Z'); // 13:00 EDT
      expect(utc(addWorkingTime(start, 'P1D', ALWAYS_CALENDAR, NEW_YORK))).toBe('2026-03-08T16:00:00.000Z'); // 12:00 EDT
    });

    it('PT24H across fall-back is 24 real hours, P1D 25', () => {
      const start = d('2026-10-31T12:00:00-04:00');
      expect(utc(addWorkingTime(start, 'PT24H', ALWAYS_CALENDAR, NEW_YORK))).toBe('2026-11-01T16:00:00.000Z'); // 11:00 EST
      expect(utc(addWorkingTime(start, 'P1D', ALWAYS_CALENDAR, NEW_YORK))).toBe('2026-11-01T17:00:00.000Z'); // 12:00 EST
    });

    it('does the same in Berlin', () => {
      const spring = d('2026-03-28T12:00:00+01:00');
      expect(utc(addWorkingTime(spring, 'PT24H', ALWAYS_CALENDAR, BERLIN))).toBe('2026-03-29T11:00:00.000Z'); // 13:00 CEST
      const autumn = d('2026-10-24T12:00:00+02:00');
      expect(utc(addWorkingTime(autumn, 'PT24H', ALWAYS_CALENDAR, BERLIN))).toBe('2026-10-25T10:00:00.000Z'); // 11:00 CET
      expect(utc(addWorkingTime(autumn, 'P1D', ALWAYS_CALENDAR, BERLIN))).toBe('2026-10-25T11:00:00.000Z'); // 12:00 CET
    });

    it('has local days of 23 and 25 hours on the change days', () => {
      const day = (from: string, to: string): number => workingTimeBetween(d(from), d(to), ALWAYS_CALENDAR, NEW_YORK);
      expect(day('2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toBe(23 * HOUR);
      expect(day('2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toBe(25 * HOUR);
    });

    it('runs without a break across midnight', () => {
      expect(utc(addWorkingTime(d('2026-03-16T10:00:00Z'), 'PT72H', ALWAYS_CALENDAR, SHANGHAI))).toBe('2026-03-19T10:00:00.000Z');
    });
  });
});

describe('end "24:00"', () => {
  it('closes at the next local midnight', () => {
    expect(utc(addWorkingTime(d('2026-03-16T22:00:00+08:00'), 'PT2H', EVENINGS, SHANGHAI))).toBe(
      '2026-03-16T16:00:00.000Z', // Tuesday 00:00, the closing of Monday
    );
    expect(utc(addWorkingTime(d('2026-03-16T22:00:00+08:00'), 'PT3H', EVENINGS, SHANGHAI))).toBe(
      '2026-03-17T09:00:00.000Z', // Tuesday 17:00
    );
    expect(utc(addWorkingTime(d('2026-03-20T23:00:00+08:00'), 'PT2H', EVENINGS, SHANGHAI))).toBe(
      '2026-03-23T09:00:00.000Z', // Friday 23:00-24:00, then Monday 16:00-17:00
    );
    expect(isWorkingMoment(d('2026-03-16T23:59:59.999+08:00'), EVENINGS, SHANGHAI)).toBe(true);
    expect(isWorkingMoment(d('2026-03-17T00:00:00+08:00'), EVENINGS, SHANGHAI)).toBe(false);
  });
});

describe('a calendar without working days', () => {
  const never: WorkCalendarSpec = { ...STANDARD_CALENDAR, name: 'never', days: [] };

  it('throws instead of looping forever', () => {
    expect(() => addWorkingTime(d('2026-03-16T10:00:00Z'), 'PT1H', never, SHANGHAI)).toThrow(/"never" has no working time/);
    expect(() => addWorkingDays(d('2026-03-16T10:00:00Z'), 1, never, SHANGHAI)).toThrow(/no working time/);
  });

  it('still answers questions that need no search', () => {
    expect(isWorkingMoment(d('2026-03-16T10:00:00Z'), never, SHANGHAI)).toBe(false);
    expect(workingTimeBetween(d('2026-03-01T00:00:00Z'), d('2026-04-01T00:00:00Z'), never, SHANGHAI)).toBe(0);
  });
});

describe('malformed calendars and zones', () => {
  it('throws an error naming the calendar and the problem', () => {
    const start = d('2026-03-16T10:00:00Z');
    expect(() => addWorkingTime(start, 'PT1H', STANDARD_CALENDAR, 'Mars/Olympus_Mons')).toThrow(
      'Work calendar "standard": "Mars/Olympus_Mons" is not an IANA time zone',
    );
    expect(() => addWorkingTime(start, 'PT1H', { ...STANDARD_CALENDAR, end: '08:00' }, SHANGHAI)).toThrow(/not after start/);
    expect(() => addWorkingTime(start, 'PT1H', { ...STANDARD_CALENDAR, holidays: ['2026-02-30'] }, SHANGHAI)).toThrow(
      /holidays entry "2026-02-30"/,
    );
  });
});

describe('invalid dates', () => {
  it('are refused rather than searched for', () => {
    const invalid = new Date('not a date');
    expect(() => addWorkingTime(invalid, 'PT1H', STANDARD_CALENDAR, SHANGHAI)).toThrow('start is an invalid Date');
    expect(() => isWorkingMoment(invalid, STANDARD_CALENDAR, SHANGHAI)).toThrow('at is an invalid Date');
    expect(() => nextLocalTime('08:30', SHANGHAI, invalid)).toThrow('after is an invalid Date');
  });
});

describe('workingTimeBetween', () => {
  it('is zero for an empty or reversed range', () => {
    const at = d('2026-03-16T10:00:00+08:00');
    expect(workingTimeBetween(at, at, STANDARD_CALENDAR, SHANGHAI)).toBe(0);
    expect(workingTimeBetween(at, d('2026-03-16T09:00:00+08:00'), STANDARD_CALENDAR, SHANGHAI)).toBe(0);
  });

  it('counts a whole week as five days of nine hours', () => {
    expect(workingTimeBetween(d('2026-03-14T00:00:00+08:00'), d('2026-03-21T00:00:00+08:00'), STANDARD_CALENDAR, SHANGHAI)).toBe(
      45 * HOUR,
    );
  });
});

describe('nextLocalTime', () => {
  it('finds the next 08:30 in Shanghai, strictly after the given instant', () => {
    expect(utc(nextLocalTime('08:30', SHANGHAI, d('2026-03-16T00:00:00Z')))).toBe('2026-03-16T00:30:00.000Z');
    expect(utc(nextLocalTime('08:30', SHANGHAI, d('2026-03-16T00:30:00Z')))).toBe('2026-03-17T00:30:00.000Z');
    expect(utc(nextLocalTime('08:30', SHANGHAI, d('2026-03-16T00:29:59.999Z')))).toBe('2026-03-16T00:30:00.000Z');
    expect(utc(nextLocalTime('08:30', SHANGHAI, d('2026-03-16T01:00:00Z')))).toBe('2026-03-17T00:30:00.000Z');
  });

  it('finds 08:30 in New York on the days around the spring-forward change', () => {
    expect(utc(nextLocalTime('08:30', NEW_YORK, d('2026-03-07T05:00:00Z')))).toBe('2026-03-07T13:30:00.000Z'); // EST
    expect(utc(nextLocalTime('08:30', NEW_YORK, d('2026-03-07T14:00:00Z')))).toBe('2026-03-08T12:30:00.000Z'); // EDT
    expect(utc(nextLocalTime('08:30', NEW_YORK, d('2026-03-08T05:00:00Z')))).toBe('2026-03-08T12:30:00.000Z');
  });

  it('finds 08:30 in New York on the days around the fall-back change', () => {
    expect(utc(nextLocalTime('08:30', NEW_YORK, d('2026-10-31T13:00:00Z')))).toBe('2026-11-01T13:30:00.000Z'); // EST
    expect(utc(nextLocalTime('08:30', NEW_YORK, d('2026-11-01T04:00:00Z')))).toBe('2026-11-01T13:30:00.000Z');
    expect(utc(nextLocalTime('08:30', NEW_YORK, d('2026-10-31T04:00:00Z')))).toBe('2026-10-31T12:30:00.000Z'); // EDT
  });

  it('moves a time skipped by spring-forward on by the gap, as luxon does', () => {
    expect(utc(nextLocalTime('02:30', NEW_YORK, d('2026-03-08T05:00:00Z')))).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('answers both occurrences of a time repeated by fall-back, in order', () => {
    expect(utc(nextLocalTime('01:30', NEW_YORK, d('2026-11-01T04:00:00Z')))).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(utc(nextLocalTime('01:30', NEW_YORK, d('2026-11-01T05:30:00Z')))).toBe('2026-11-01T06:30:00.000Z'); // EST
    expect(utc(nextLocalTime('01:30', NEW_YORK, d('2026-11-01T06:30:00Z')))).toBe('2026-11-02T06:30:00.000Z');
  });

  it('refuses a malformed time or zone', () => {
    expect(() => nextLocalTime('8:30', SHANGHAI, d('2026-03-16T00:00:00Z'))).toThrow(/HH:mm/);
    expect(() => nextLocalTime('24:00', SHANGHAI, d('2026-03-16T00:00:00Z'))).toThrow(/HH:mm/);
    expect(() => nextLocalTime('08:30', 'Nowhere/Town', d('2026-03-16T00:00:00Z'))).toThrow(/IANA/);
  });
});

describe('nextLocalWeekdayTime', () => {
  it('is the next Monday 09:00 local, strictly after the given instant', () => {
    // Wednesday 2027-03-10 in Shanghai: Monday the 15th.
    expect(utc(nextLocalWeekdayTime('09:00', 1, SHANGHAI, d('2027-03-10T02:00:00Z')))).toBe('2027-03-15T01:00:00.000Z');
    // Monday 08:59: the same morning; exactly 09:00: a week later.
    expect(utc(nextLocalWeekdayTime('09:00', 1, SHANGHAI, d('2027-03-15T00:59:00Z')))).toBe('2027-03-15T01:00:00.000Z');
    expect(utc(nextLocalWeekdayTime('09:00', 1, SHANGHAI, d('2027-03-15T01:00:00Z')))).toBe('2027-03-22T01:00:00.000Z');
  });

  it('follows daylight saving in New York: 09:00 EST is 14:00Z, after 2027-03-14 09:00 EDT is 13:00Z', () => {
    expect(utc(nextLocalWeekdayTime('09:00', 1, NEW_YORK, d('2027-03-05T12:00:00Z')))).toBe('2027-03-08T14:00:00.000Z');
    expect(utc(nextLocalWeekdayTime('09:00', 1, NEW_YORK, d('2027-03-08T14:00:00Z')))).toBe('2027-03-15T13:00:00.000Z');
    // Back to EST on 2027-11-07.
    expect(utc(nextLocalWeekdayTime('09:00', 1, NEW_YORK, d('2027-11-02T12:00:00Z')))).toBe('2027-11-08T14:00:00.000Z');
  });

  it('takes any weekday and refuses one that is not', () => {
    expect(utc(nextLocalWeekdayTime('17:30', 5, BERLIN, d('2027-03-15T00:00:00Z')))).toBe('2027-03-19T16:30:00.000Z');
    expect(() => nextLocalWeekdayTime('09:00', 0, SHANGHAI, d('2027-03-15T00:00:00Z'))).toThrow('not an ISO weekday');
  });
});
