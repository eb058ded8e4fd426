import { parsePeriod } from '../periods/period.js';
import { centsText, maySetTarget, progressIn, progressOf, teamTotal, toCents } from './targets.rules.js';

describe('target attainment against a linear pace', () => {
  it('expects the elapsed share of the target; behind pace only when the actual is strictly below it', () => {
    expect(progressOf(100_000_00, 40_000_00, 0.5)).toEqual({ targetCents: 100_000_00, actualCents: 40_000_00, expectedCents: 50_000_00, attainmentPct: 40, elapsedPct: 50, behindPace: true });
    expect(progressOf(100_000_00, 50_000_00, 0.5).behindPace).toBe(false);
    expect(progressOf(100_000_00, 120_000_00, 1).attainmentPct).toBe(120);
  });

  it('a zero target has no attainment and is never behind; before the period nothing is expected', () => {
    expect(progressOf(0, 5_000_00, 0.7)).toMatchObject({ attainmentPct: null, behindPace: false, expectedCents: 0 });
    expect(progressOf(100_000_00, 0, 0)).toMatchObject({ attainmentPct: 0, behindPace: false, expectedCents: 0 });
  });

  it('reads the pace in the person\u2019s zone: 2026-12-16T16:00Z is the 17th in Shanghai, still the 16th in New York', () => {
    const december = parsePeriod('2026-12')!;
    const now = new Date('2026-12-16T16:00:00Z');
    // Shanghai: 16 of 31 days elapsed. New York: 15 days and 11 hours.
    expect(progressIn(december, 'Asia/Shanghai', now, 31_000_00, 0).expectedCents).toBe(16_000_00);
    expect(progressIn(december, 'America/New_York', now, 31_000_00, 0).expectedCents).toBe(Math.round(31_000_00 * ((15 * 24 + 11) / (31 * 24))));
  });

  it('totals a team exactly in cents and flags the team as a whole', () => {
    const total = teamTotal([progressOf(100_000_00, 60_000_00, 0.5), progressOf(50_000_00, 10_000_00, 0.5), progressOf(0, 1_000_00, 0.5)]);
    expect(total).toEqual({ people: 3, targetCents: 150_000_00, actualCents: 71_000_00, expectedCents: 75_000_00, attainmentPct: 47.33, behindPace: true, behindCount: 1 });
    expect(centsText(toCents('0.1') + toCents('0.2'))).toBe('0.30');
  });
});

describe('who may set a target', () => {
  const below = new Set(['rep', 'manager2']);
  it('a manager or director: the people below them, never themselves; ADMIN anyone; nobody else', () => {
    expect(maySetTarget('SALES_MANAGER', 'me', below, 'rep')).toBe(true);
    expect(maySetTarget('SALES_DIRECTOR', 'me', below, 'manager2')).toBe(true);
    expect(maySetTarget('SALES_MANAGER', 'me', new Set([...below, 'me']), 'me')).toBe(false);
    expect(maySetTarget('SALES_MANAGER', 'me', below, 'stranger')).toBe(false);
    expect(maySetTarget('ADMIN', 'me', new Set(), 'stranger')).toBe(true);
    expect(maySetTarget('SALES_SPECIALIST', 'me', below, 'rep')).toBe(false);
    expect(maySetTarget('HR', 'me', below, 'rep')).toBe(false);
  });
});

describe('the email key and periods', () => {
  it('are in the progress rules', async () => {
    const { reportedPeriods, targetProgressKey } = await import('../progress/progress.rules.js');
    expect(reportedPeriods('2026-12-14')).toEqual(['2026-Q4', '2026-12']);
    expect(targetProgressKey('m', '2026-12-14')).toBe('target-progress:m:2026-12-14');
  });
});
