import { completedStreak, decisionProblems, mayDecide, maySee, type SignedOffAppraisal } from './promotions.rules.js';

const appraisal = (period: string, band: string, score = 92): SignedOffAppraisal => ({ appraisalId: `a-${period}`, cycleId: `c-${period}`, period, score, band });
const policy = { band: 'exceeds', streak: 2 };
const periods = (streak: SignedOffAppraisal[] | null) => streak?.map((a) => a.period) ?? null;

/** Streak detection: N signed-off appraisals in a row (by cycle period) in the band nominate; the decision's rules. */
describe('completedStreak', () => {
  it('nominates when the current appraisal makes N in a row in the band, with those N as evidence', () => {
    const history = [appraisal('2026-Q2', 'meets'), appraisal('2026-Q3', 'exceeds')];
    expect(periods(completedStreak(history, appraisal('2026-Q4', 'exceeds'), policy))).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('orders by cycle period, not by the order the appraisals were signed off in', () => {
    const history = [appraisal('2026-Q4', 'exceeds'), appraisal('2026-Q2', 'exceeds'), appraisal('2026-Q1', 'meets')];
    expect(periods(completedStreak(history, appraisal('2026-Q3', 'meets'), policy))).toBeNull();
    // Q2 signed off after Q4 was: Q2 is then the latest up to itself, and Q1 breaks the run.
    expect(periods(completedStreak([appraisal('2026-Q1', 'meets'), appraisal('2026-Q4', 'exceeds')], appraisal('2026-Q2', 'exceeds'), policy))).toBeNull();
  });

  it('does not nominate on a broken run or a current appraisal outside the band', () => {
    expect(completedStreak([appraisal('2026-Q2', 'exceeds'), appraisal('2026-Q3', 'meets')], appraisal('2026-Q4', 'exceeds'), policy)).toBeNull();
    expect(completedStreak([appraisal('2026-Q3', 'exceeds')], appraisal('2026-Q4', 'meets'), policy)).toBeNull();
  });

  it('nominates again only after N more in a row, not at every appraisal of a long run', () => {
    const run = ['2026-Q1', '2026-Q2', '2026-Q3'].map((p) => appraisal(p, 'exceeds'));
    expect(completedStreak(run.slice(0, 2), run[2], policy)).toBeNull();
    expect(periods(completedStreak(run, appraisal('2026-Q4', 'exceeds'), policy))).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('counts a redelivered current appraisal once', () => {
    const current = appraisal('2026-Q4', 'exceeds');
    expect(periods(completedStreak([appraisal('2026-Q3', 'exceeds'), current], current, policy))).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('takes a named band other than the top one', () => {
    expect(periods(completedStreak([], appraisal('2026', 'meets'), { band: 'meets', streak: 1 }))).toEqual(['2026']);
  });
});

describe('who decides and who sees', () => {
  const nomination = { employeeId: 'rep', managerId: 'manager' };
  it('the reviewer of record or anyone above decides; the person never', () => {
    expect(mayDecide('manager', nomination, false)).toBe(true);
    expect(mayDecide('director', nomination, true)).toBe(true);
    expect(mayDecide('rep2', nomination, false)).toBe(false);
    expect(mayDecide('rep', { employeeId: 'rep', managerId: 'rep' }, false)).toBe(false);
  });

  it('HR and ADMIN see all; a peer does not', () => {
    expect(maySee({ id: 'hr', role: 'HR' }, nomination, false)).toBe(true);
    expect(maySee({ id: 'rep2', role: 'SALES_SPECIALIST' }, nomination, false)).toBe(false);
  });

  it('a decision needs confirm or decline and a reason of 1 to 2000 characters', () => {
    expect(decisionProblems('confirm', 'Ready')).toEqual([]);
    expect(decisionProblems('approve', '  ').map((e) => e.field)).toEqual(['decision', 'reason']);
    expect(decisionProblems('decline', 'x'.repeat(2001)).map((e) => e.field)).toEqual(['reason']);
  });
});
