import { STANDARD_CALENDAR, type WorkCalendarSpec } from '#libs/time';
import { digestKey, nextDigestOccurrence } from './digest-schedule.js';

const SHANGHAI = { calendar: STANDARD_CALENDAR, zone: 'Asia/Shanghai' };
const EVERY_DAY_NEW_YORK: WorkCalendarSpec = { ...STANDARD_CALENDAR, name: 'ny-daily', timezone: 'America/New_York', days: [1, 2, 3, 4, 5, 6, 7] };
// The calendar's zone wins over the employee's: this owner is read in New York.
const NEW_YORK = { calendar: EVERY_DAY_NEW_YORK, zone: 'America/New_York' };

const at = (iso: string) => new Date(iso);

describe('nextDigestOccurrence', () => {
  it('is 08:30 local on the next working day, strictly after the given instant', () => {
    // Friday 2027-03-12 08:00 in Shanghai: the same morning.
    expect(nextDigestOccurrence(at('2027-03-12T00:00:00Z'), '08:30', SHANGHAI)).toEqual({ at: at('2027-03-12T00:30:00Z'), localDate: '2027-03-12' });
    // Exactly at 08:30 Friday: the next one is Monday (Saturday and Sunday are not worked).
    expect(nextDigestOccurrence(at('2027-03-12T00:30:00Z'), '08:30', SHANGHAI)).toEqual({ at: at('2027-03-15T00:30:00Z'), localDate: '2027-03-15' });
  });

  it('follows daylight saving in New York: 08:30 EST is 13:30Z, on 2027-03-14 (DST starts) 08:30 EDT is 12:30Z', () => {
    expect(nextDigestOccurrence(at('2027-03-13T00:00:00Z'), '08:30', NEW_YORK)).toEqual({ at: at('2027-03-13T13:30:00Z'), localDate: '2027-03-13' });
    expect(nextDigestOccurrence(at('2027-03-13T13:30:00Z'), '08:30', NEW_YORK)).toEqual({ at: at('2027-03-14T12:30:00Z'), localDate: '2027-03-14' });
    expect(nextDigestOccurrence(at('2027-03-14T12:30:00Z'), '08:30', NEW_YORK)).toEqual({ at: at('2027-03-15T12:30:00Z'), localDate: '2027-03-15' });
  });

  it('skips holidays and honours make-up working days', () => {
    const calendar: WorkCalendarSpec = { ...STANDARD_CALENDAR, name: 'cn', holidays: ['2027-03-15'], workdays: ['2027-03-13'] };
    const context = { calendar, zone: 'Asia/Shanghai' };
    expect(nextDigestOccurrence(at('2027-03-12T00:30:00Z'), '08:30', context).localDate).toBe('2027-03-13');
    expect(nextDigestOccurrence(at('2027-03-13T00:30:00Z'), '08:30', context).localDate).toBe('2027-03-16');
  });

  it('keys one digest per owner and local date', () => {
    expect(digestKey('owner-1', '2027-03-14')).toBe('revisit-digest:owner-1:2027-03-14');
  });
});
