import { contains, elapsedShare, parsePeriod, periodBounds } from './period.js';

describe('periods', () => {
  it('reads the three forms and nothing else', () => {
    expect(parsePeriod('2026')).toEqual({ text: '2026', kind: 'year', firstDay: '2026-01-01', endDay: '2027-01-01' });
    expect(parsePeriod('2026-Q4')).toEqual({ text: '2026-Q4', kind: 'quarter', firstDay: '2026-10-01', endDay: '2027-01-01' });
    expect(parsePeriod('2026-02')).toEqual({ text: '2026-02', kind: 'month', firstDay: '2026-02-01', endDay: '2026-03-01' });
    for (const bad of ['26', '2026-Q5', '2026-13', '2026-1', '2026-q4', ' 2026', '2026-00', '1999', '2026-Q4x']) expect(parsePeriod(bad)).toBeNull();
  });

  it('places the period in the person\u2019s zone', () => {
    const december = parsePeriod('2026-12')!;
    expect(periodBounds(december, 'Asia/Shanghai')).toEqual({ start: new Date('2026-11-30T16:00:00Z'), end: new Date('2026-12-31T16:00:00Z') });
    expect(periodBounds(december, 'America/New_York').start).toEqual(new Date('2026-12-01T05:00:00Z'));
  });

  it('measures the linear pace from 0 to 1', () => {
    const q = parsePeriod('2026-Q4')!;
    expect(elapsedShare(q, 'UTC', new Date('2026-09-01T00:00:00Z'))).toBe(0);
    expect(elapsedShare(q, 'UTC', new Date('2027-02-01T00:00:00Z'))).toBe(1);
    expect(elapsedShare(q, 'UTC', new Date('2026-11-16T00:00:00Z'))).toBeCloseTo(46 / 92, 5);
  });

  it('knows which periods lie inside another', () => {
    expect(contains(parsePeriod('2026')!, parsePeriod('2026-Q4')!)).toBe(true);
    expect(contains(parsePeriod('2026-Q4')!, parsePeriod('2026-12')!)).toBe(true);
    expect(contains(parsePeriod('2026-Q4')!, parsePeriod('2026-09')!)).toBe(false);
  });
});
