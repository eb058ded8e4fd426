import { formatInstant } from './format-instant.js';

describe('formatInstant', () => {
  test.each([
    ['2026-12-01T09:00:00Z', 'Asia/Shanghai', '2026-12-01 17:00 (Asia/Shanghai)'],
    ['2026-12-01T09:00:00Z', 'America/New_York', '2026-12-01 04:00 (America/New_York)'],
    ['2026-07-01T09:00:00Z', 'America/New_York', '2026-07-01 05:00 (America/New_York)'],
    ['2026-12-01T20:30:00.000Z', 'Asia/Shanghai', '2026-12-02 04:30 (Asia/Shanghai)'],
    ['2026-12-01T17:00:00+08:00', 'Europe/Berlin', '2026-12-01 10:00 (Europe/Berlin)'],
    ['2026-12-31T16:05:00Z', 'Asia/Shanghai', '2027-01-01 00:05 (Asia/Shanghai)'],
    ['2026-12-01T09:00:00Z', 'Asia/Kathmandu', '2026-12-01 14:45 (Asia/Kathmandu)'],
    ['2027-03-28T01:00:00Z', 'Europe/Berlin', '2027-03-28 03:00 (Europe/Berlin)'],
  ])('%s in %s', (iso, zone, expected) => {
    expect(formatInstant(iso, zone)).toBe(expected);
  });

  test('reads an instant without offset as UTC, whatever the server zone', () => {
    expect(formatInstant('2026-12-01T09:00:00', 'Asia/Shanghai')).toBe('2026-12-01 17:00 (Asia/Shanghai)');
  });

  test('falls back to UTC, and says so, for an unknown zone', () => {
    expect(formatInstant('2026-12-01T09:00:00Z', 'Mars/Olympus')).toBe('2026-12-01 09:00 (UTC)');
  });

  test('returns an unparseable instant unchanged', () => {
    expect(formatInstant('tomorrow', 'Asia/Shanghai')).toBe('tomorrow');
  });

  test('the short path (format and one match) writes what formatToParts gives, over two years of instants in six zones', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
    for (const zone of zones) {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2028, 0, 1); at += 7 * 3600_000 + 13 * 60_000) {
        const p: Record<string, string> = {};
        for (const { type, value } of parts.formatToParts(at)) p[type] = value;
        expect([zone, at, formatInstant(new Date(at).toISOString(), zone)]).toEqual([zone, at, `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (${zone})`]);
      }
    }
  });
});
