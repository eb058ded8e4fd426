import { STANDARD_CALENDAR } from '#libs/time';
import { audienceWhenHolds, findAudienceWhenProblems } from './plan-when.js';
import { dueOn, isPlanYear, needsPersonalEvaluation, validatePlan } from './plans.rules.js';

describe('training plan rules', () => {
  const known = new Set(['PK-101']);

  it('accepts a valid plan and keeps only known keys', () => {
    const result = validatePlan({ rules: [{ course: 'PK-101', audience: { roles: ['SALES_SPECIALIST'], when: 'team == "East"' }, due: { date: '2027-06-30' } }] }, known);
    expect(result).toEqual({ ok: true, plan: { rules: [{ course: 'PK-101', audience: { roles: ['SALES_SPECIALIST'], when: 'team == "East"' }, due: { date: '2027-06-30' } }] } });
  });

  it('names the bad rule and field of every problem', () => {
    const result = validatePlan({ rules: [
      { course: 'X', audience: {}, due: { date: '2027-06-30' } },
      { course: 'PK-101', audience: { teams: [], when: 'foo(role)' }, due: { withinWorkingDaysOfJoining: 1.5 } },
      'nope',
    ], extra: 1 }, known);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      'extra', 'rules[0].course', 'rules[1].audience.teams', 'rules[1].audience.when', 'rules[1].due.withinWorkingDaysOfJoining', 'rules[2]',
    ]);
  });

  it('reads `when` without running it: only the person facts and filtrex functions', () => {
    expect(findAudienceWhenProblems('role == "HR" and region in ("Shanghai", "Beijing")')).toEqual([]);
    expect(findAudienceWhenProblems('amount > 3')).toEqual([expect.stringContaining('unknown field "amount"')]);
    expect(findAudienceWhenProblems('role ==')).toEqual([expect.stringContaining('does not parse')]);
    expect(audienceWhenHolds('team == "East"', { role: 'HR', team: 'East', region: null })).toBe(true);
    expect(audienceWhenHolds('region in ("Shanghai")', { role: 'HR', team: null, region: null })).toBe(false);
  });

  it('dates a requirement by the plan or by working days after joining, in the person\'s calendar', () => {
    expect(dueOn({ date: '2027-06-30' }, new Date(), STANDARD_CALENDAR, 'Asia/Shanghai')).toBe('2027-06-30');
    // Joined Friday 2027-05-07 10:00 in Shanghai: two working days later is Tuesday.
    expect(dueOn({ withinWorkingDaysOfJoining: 2 }, new Date('2027-05-07T02:00:00Z'), STANDARD_CALENDAR, 'Asia/Shanghai')).toBe('2027-05-11');
    expect(needsPersonalEvaluation({ course: 'PK-101', audience: {}, due: { date: '2027-06-30' } })).toBe(false);
    expect(isPlanYear(2027)).toBe(true);
    expect(isPlanYear(Number.NaN)).toBe(false);
  });
});
