import { parseLocalDate } from './wall-clock.js';
import { STANDARD_CALENDAR } from './work-calendar.js';
import { compileCalendar } from './working-intervals.js';
import { plainWeekFrom } from './plain-week.js';

const HOUR = 3_600_000;
const day = (text: string): number => parseLocalDate(text)!;

describe('plainWeekFrom', () => {
  it('counts a regular Monday-to-Friday week whole: five days of nine hours, the weekend idle', () => {
    const calendar = compileCalendar(STANDARD_CALENDAR, 'Asia/Shanghai');
    expect(plainWeekFrom(calendar, day('2026-03-16'))).toEqual({
      week: { workingDays: 5, workingMs: 45 * HOUR, leadingIdleDays: 0, trailingIdleDays: 2 },
    });
    // From a Saturday: two idle days first, none after Friday.
    expect(plainWeekFrom(calendar, day('2026-03-14'))).toEqual({
      week: { workingDays: 5, workingMs: 45 * HOUR, leadingIdleDays: 2, trailingIdleDays: 0 },
    });
  });

  it('is not plain with a holiday or a make-up day in it, and says a plain week can start the day after it', () => {
    const calendar = compileCalendar({ ...STANDARD_CALENDAR, holidays: ['2026-10-01'], workdays: ['2026-10-10'] }, 'Asia/Shanghai');
    expect(plainWeekFrom(calendar, day('2026-09-28'))).toEqual({ week: null, nextCandidate: day('2026-10-02') });
    expect(plainWeekFrom(calendar, day('2026-10-05'))).toEqual({ week: null, nextCandidate: day('2026-10-11') });
  });

  it('is not plain when the zone changes its offset within two days of it (New York, 2026-03-08)', () => {
    const calendar = compileCalendar(STANDARD_CALENDAR, 'America/New_York');
    expect(plainWeekFrom(calendar, day('2026-03-09'))).toEqual({ week: null, nextCandidate: day('2026-03-16') });
    expect(plainWeekFrom(calendar, day('2026-03-01')).week).toBeNull();
    expect(plainWeekFrom(calendar, day('2026-03-16')).week).not.toBeNull();
  });
});
