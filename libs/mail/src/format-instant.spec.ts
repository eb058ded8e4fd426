import { formatInstant } from './format-instant.js';

describe('formatInstant', () => {
  test.each([
    ['2026-12-01T09:00:00Z', 'Asia/Shanghai', '2026-12-01 17:00 (Asia/Shanghai)'],
    ['2026-12-01T09:00:00Z', 'America/New_York', '2026-12-01 04:00 (America/New_York)'],
    ['2026-07-01T09:00:00Z', 'America/New_York', '2026-07-01 05:00 (America/New_York)'],
    ['2026-12-01T20:30:00.000Z', 'Asia/Shanghai', '2026-12-02 04:30 (Asia/Shanghai)'],
    ['2026-12-01T17:00:00+08:00', 'Europe/Berlin', '2026-12-01 10:00 (Europe/Berlin)'],
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
});
