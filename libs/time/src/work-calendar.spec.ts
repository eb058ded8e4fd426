import { ALWAYS_CALENDAR, effectiveZone, STANDARD_CALENDAR, validateCalendar } from './work-calendar.js';

const valid = {
  timezone: 'Asia/Shanghai',
  days: [5, 1, 2, 3, 4],
  start: '09:00',
  end: '18:00',
  holidays: ['2026-10-02', '2026-10-01', '2026-10-01'],
  workdays: ['2026-09-27'],
};

function errorsOf(input: unknown): { field: string; message: string }[] {
  const result = validateCalendar(input);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

describe('built-in calendars', () => {
  it('standard is Monday to Friday 09:00-18:00 with no holidays', () => {
    expect(STANDARD_CALENDAR).toEqual({
      name: 'standard', timezone: null, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: [], workdays: [],
    });
  });

  it('24x7 is every day, all day', () => {
    expect(ALWAYS_CALENDAR).toMatchObject({ name: '24x7', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' });
  });
});

describe('effectiveZone', () => {
  it("prefers the calendar's timezone to the employee's", () => {
    expect(effectiveZone({ ...STANDARD_CALENDAR, timezone: 'Asia/Shanghai' }, 'America/New_York')).toBe('Asia/Shanghai');
  });

  it("falls back to the employee's zone when the calendar has none", () => {
    expect(effectiveZone(STANDARD_CALENDAR, 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(effectiveZone({ ...STANDARD_CALENDAR, timezone: undefined }, 'Europe/Berlin')).toBe('Europe/Berlin');
  });
});

describe('validateCalendar', () => {
  it('accepts a well-formed calendar, sorting days and de-duplicating dates', () => {
    expect(validateCalendar(valid)).toEqual({
      ok: true,
      value: {
        timezone: 'Asia/Shanghai',
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '18:00',
        holidays: ['2026-10-01', '2026-10-02'],
        workdays: ['2026-09-27'],
      },
    });
  });

  it('accepts end 24:00, no timezone, and omitted date lists', () => {
    expect(validateCalendar({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' })).toEqual({
      ok: true,
      value: { timezone: null, days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', holidays: [], workdays: [] },
    });
    expect(validateCalendar({ ...valid, timezone: null })).toMatchObject({ ok: true, value: { timezone: null } });
  });

  it('refuses something that is not an object', () => {
    for (const input of [null, 'standard', [1, 2], 42]) {
      expect(errorsOf(input)).toEqual([{ field: 'calendar', message: expect.stringContaining('object') }]);
    }
  });

  it('refuses unknown fields, naming them', () => {
    const errors = errorsOf({ ...valid, name: 'cn', hoildays: [] });
    expect(errors.map((e) => e.field)).toEqual(['name', 'hoildays']);
    expect(errors[0].message).toContain('"name"');
    expect(errors[1].message).toContain('"hoildays"');
  });

  it('refuses missing, empty, out-of-range, fractional and repeated weekdays', () => {
    expect(errorsOf({ ...valid, days: undefined })).toEqual([{ field: 'days', message: expect.any(String) }]);
    expect(errorsOf({ ...valid, days: [] })).toEqual([{ field: 'days', message: expect.any(String) }]);
    expect(errorsOf({ ...valid, days: [0, 1, 8, 1.5, '2', 1] }).map((e) => e.field)).toEqual([
      'days[0]', 'days[2]', 'days[3]', 'days[4]', 'days[5]',
    ]);
    expect(errorsOf({ ...valid, days: [1, 1] })[0].message).toContain('twice');
  });

  it('refuses malformed hours and an end that is not after the start', () => {
    expect(errorsOf({ ...valid, start: '9:00' }).map((e) => e.field)).toEqual(['start']);
    expect(errorsOf({ ...valid, start: '24:00' }).map((e) => e.field)).toEqual(['start']);
    expect(errorsOf({ ...valid, end: '18:60' }).map((e) => e.field)).toEqual(['end']);
    expect(errorsOf({ ...valid, end: '24:01' }).map((e) => e.field)).toEqual(['end']);
    expect(errorsOf({ ...valid, start: undefined, end: 1800 }).map((e) => e.field)).toEqual(['start', 'end']);
    expect(errorsOf({ ...valid, start: '18:00', end: '09:00' })).toEqual([
      { field: 'end', message: 'end (09:00) must be after start (18:00)' },
    ]);
    expect(errorsOf({ ...valid, start: '09:00', end: '09:00' }).map((e) => e.field)).toEqual(['end']);
  });

  it('refuses dates that are malformed or do not exist', () => {
    const errors = errorsOf({ ...valid, holidays: ['2026-02-29', '2026-13-01', '2026-1-05', 20261001], workdays: 'x' });
    expect(errors.map((e) => e.field)).toEqual(['holidays[0]', 'holidays[1]', 'holidays[2]', 'holidays[3]', 'workdays']);
    expect(validateCalendar({ ...valid, holidays: ['2028-02-29'] }).ok).toBe(true);
  });

  it('refuses a date listed both as a holiday and as a workday', () => {
    expect(errorsOf({ ...valid, workdays: ['2026-10-01'] })).toEqual([
      { field: 'workdays', message: '2026-10-01 is listed both as a holiday and as a workday' },
    ]);
  });

  it('refuses a timezone that is not an IANA zone', () => {
    for (const timezone of ['Mars/Olympus_Mons', '', 8, '+08:00']) {
      expect(errorsOf({ ...valid, timezone })).toEqual([{ field: 'timezone', message: expect.stringContaining('IANA') }]);
    }
  });

  it('reports every bad field at once', () => {
    const errors = errorsOf({ timezone: 'Nowhere', days: [9], start: 'noon', end: '18:00', holidays: ['soon'], extra: 1 });
    expect(errors.map((e) => e.field).sort()).toEqual(['days[0]', 'extra', 'holidays[0]', 'start', 'timezone']);
  });
});
