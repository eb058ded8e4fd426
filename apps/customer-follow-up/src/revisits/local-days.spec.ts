import { STANDARD_CALENDAR } from '#libs/time';
import { addCalendarDays, isWorkingDate, localDateOf, localDayBounds, overdueWorkingDays } from './local-days.js';

const SHANGHAI = { calendar: STANDARD_CALENDAR, zone: 'Asia/Shanghai' };
const at = (iso: string) => new Date(iso);

describe('local days', () => {
  it('reads the date in the owner zone', () => {
    expect(localDateOf(at('2027-03-12T17:00:00Z'), 'Asia/Shanghai')).toBe('2027-03-13');
    expect(localDateOf(at('2027-03-12T17:00:00Z'), 'America/New_York')).toBe('2027-03-12');
  });

  it('bounds a local day, 23 hours long when New York springs forward', () => {
    const { start, end } = localDayBounds(at('2027-03-14T15:00:00Z'), 'America/New_York');
    expect(start).toEqual(at('2027-03-14T05:00:00Z'));
    expect(end).toEqual(at('2027-03-15T04:00:00Z'));
  });

  it('tells working dates from weekends', () => {
    expect(isWorkingDate(at('2027-03-12T02:00:00Z'), SHANGHAI)).toBe(true);
    expect(isWorkingDate(at('2027-03-13T02:00:00Z'), SHANGHAI)).toBe(false);
  });

  it('counts overdue working days after the due date up to today', () => {
    const dueFriday = at('2027-03-12T02:00:00Z');
    expect(overdueWorkingDays(dueFriday, at('2027-03-12T09:00:00Z'), SHANGHAI)).toBe(0);
    expect(overdueWorkingDays(dueFriday, at('2027-03-14T09:00:00Z'), SHANGHAI)).toBe(0);
    expect(overdueWorkingDays(dueFriday, at('2027-03-15T01:00:00Z'), SHANGHAI)).toBe(1);
    expect(overdueWorkingDays(dueFriday, at('2027-03-17T01:00:00Z'), SHANGHAI)).toBe(3);
    expect(overdueWorkingDays(dueFriday, at('2027-03-01T01:00:00Z'), SHANGHAI)).toBe(0);
  });

  it('adds calendar days at the same local time across DST', () => {
    expect(addCalendarDays(at('2027-03-01T14:00:00Z'), 30, 'America/New_York')).toEqual(at('2027-03-31T13:00:00Z'));
  });
});
