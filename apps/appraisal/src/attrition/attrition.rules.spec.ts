import { DEFAULT_ATTRITION_POLICY, validateAttritionPolicy, type AttritionPolicyDocument } from './attrition-policy.js';
import { attritionSignals, countermeasures, isFlagged, lastCompletedPeriods, type AttritionFacts } from './attrition.rules.js';

const policy: AttritionPolicyDocument = DEFAULT_ATTRITION_POLICY;
const NOW = new Date('2027-04-08T22:00:00Z'); // 06:00 on 9 April in Shanghai
const months = lastCompletedPeriods(NOW, 'month', 3, 'Asia/Shanghai');
const target = (period: string, actual: number, target = 100_000) => ({ period, targetId: `t-${period}`, target, actual, contractIds: actual > 0 ? [`c-${period}`] : [] });
const person = (facts: Omit<AttritionFacts, 'employeeId'>): AttritionFacts => ({ employeeId: 'e1', ...facts });
const signalsOf = (facts: Omit<AttritionFacts, 'employeeId'>) => attritionSignals(person(facts), policy, months);

describe('attrition signals', () => {
  it('counts the completed periods before today in the scan zone, oldest first (a month ends at local midnight)', () => {
    expect(months.map((p) => p.text)).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(lastCompletedPeriods(new Date('2027-03-31T16:30:00Z'), 'month', 1, 'Asia/Shanghai').map((p) => p.text)).toEqual(['2027-03']);
    expect(lastCompletedPeriods(NOW, 'quarter', 2, 'Asia/Shanghai').map((p) => p.text)).toEqual(['2026-Q4', '2027-Q1']);
  });

  it('a score drop holds from minDropPoints, naming both appraisals', () => {
    const scores = (latest: number) => [{ appraisalId: 'a2', period: '2027-Q1', score: latest }, { appraisalId: 'a1', period: '2026-Q4', score: 80 }];
    expect(signalsOf({ scores: scores(70) })).toEqual([
      { signal: 'score_drop', numbers: { previous: 80, previousPeriod: '2026-Q4', latest: 70, latestPeriod: '2027-Q1', drop: 10, minDrop: 10 }, sources: [{ kind: 'appraisal', id: 'a1' }, { kind: 'appraisal', id: 'a2' }] },
    ]);
    expect(signalsOf({ scores: scores(70.01) })).toEqual([]);
    expect(signalsOf({ scores: [{ appraisalId: 'a2', period: '2027-Q1', score: 10 }] })).toEqual([]);
  });

  it('missed targets hold only when every one of the periods has a target and stays below belowPct', () => {
    const [missed] = signalsOf({ targets: [target('2027-01', 40_000), target('2027-02', 79_990), target('2027-03', 0)] });
    expect(missed).toMatchObject({ signal: 'missed_targets', numbers: { periods: 3, periodKind: 'month', belowPct: 80, attainments: '2027-01 40%, 2027-02 79.99%, 2027-03 0%' } });
    expect(missed.sources).toEqual([
      { kind: 'sales-target', id: 't-2027-01' }, { kind: 'contract', id: 'c-2027-01' }, { kind: 'sales-target', id: 't-2027-02' }, { kind: 'contract', id: 'c-2027-02' }, { kind: 'sales-target', id: 't-2027-03' },
    ]);
    expect(signalsOf({ targets: [target('2027-01', 40_000), target('2027-02', 80_000), target('2027-03', 0)] })).toEqual([]);
    expect(signalsOf({ targets: [target('2027-02', 1), target('2027-03', 1)] })).toEqual([]);
  });

  it('commission drop compares the latest month with the average of the trailing ones, below belowPct', () => {
    const statements = (latest: number) => [{ id: 's4', period: '2027-03', total: latest }, ...['s3', 's2', 's1'].map((id, i) => ({ id, period: `2027-0${2 - i}`, total: 1000 * (i + 1) }))];
    expect(signalsOf({ statements: statements(1100) })).toEqual([
      { signal: 'commission_drop', numbers: { latest: 1100, latestPeriod: '2027-03', trailingAverage: 2000, trailing: 3, ratioPct: 55, belowPct: 60 }, sources: ['s4', 's3', 's2', 's1'].map((id) => ({ kind: 'commission-statement', id })) },
    ]);
    expect(signalsOf({ statements: statements(1200) })).toEqual([]);
    expect(signalsOf({ statements: statements(0).slice(0, 3) })).toEqual([]);
  });

  it('overdue training and contracts sent back hold from their minimum', () => {
    expect(signalsOf({ overdueTraining: { outcomeIds: ['o1'] } })).toEqual([{ signal: 'training_overdue', numbers: { count: 1, minimum: 1 }, sources: [{ kind: 'training-outcome', id: 'o1' }] }]);
    expect(signalsOf({ sentBack: { count: 3, contractIds: ['k1', 'k2'] } })).toEqual([
      { signal: 'contracts_sent_back', numbers: { count: 3, contracts: 2, windowDays: 90, minimum: 3 }, sources: [{ kind: 'contract', id: 'k1' }, { kind: 'contract', id: 'k2' }] },
    ]);
    expect(signalsOf({ sentBack: { count: 2, contractIds: ['k1', 'k2'] } })).toEqual([]);
  });

  it('a person is flagged from minSignals signals; a signal switched off is never evaluated', () => {
    const facts = person({ overdueTraining: { outcomeIds: ['o1'] }, sentBack: { count: 3, contractIds: ['k1'] } });
    expect(isFlagged(attritionSignals(facts, policy, months), policy)).toBe(true);
    const withoutTraining = { ...policy, trainingOverdue: null };
    expect(attritionSignals(facts, withoutTraining, months).map((s) => s.signal)).toEqual(['contracts_sent_back']);
    expect(isFlagged(attritionSignals(facts, withoutTraining, months), withoutTraining)).toBe(false);
  });

  it('asks for the handbook\u2019s three countermeasures with the policy\u2019s due times', () => {
    expect(countermeasures(policy)).toEqual([
      { kind: 'conversation', within: 'P2D' }, { kind: 'pay_promotion_review', within: 'P10D' }, { kind: 'development_plan', within: 'P10D' },
    ]);
  });
});

describe('attrition policy validation', () => {
  it('accepts the defaults and names each bad field', () => {
    expect(validateAttritionPolicy(DEFAULT_ATTRITION_POLICY)).toEqual({ ok: true, policy: DEFAULT_ATTRITION_POLICY });
    const result = validateAttritionPolicy({
      ...DEFAULT_ATTRITION_POLICY, roles: ['CEO'], missedTargets: { periodKind: 'week', periods: 0, belowPct: 120 }, countermeasures: { conversation: 'P1M', payPromotionReview: 'P10D', developmentPlan: 'soon' },
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['roles[0]', 'missedTargets.periodKind', 'missedTargets.periods', 'missedTargets.belowPct', 'countermeasures.conversation', 'countermeasures.developmentPlan']));
  });

  it('refuses more required signals than signals switched on, and unknown fields', () => {
    const tooMany = validateAttritionPolicy({ ...DEFAULT_ATTRITION_POLICY, minSignals: 2, scoreDrop: null, missedTargets: null, commissionDrop: null, trainingOverdue: null });
    expect(tooMany).toEqual({ ok: false, errors: [{ field: 'minSignals', message: expect.stringContaining('nobody could ever be flagged') }] });
    const extra = validateAttritionPolicy({ ...DEFAULT_ATTRITION_POLICY, absenceDays: 10 });
    expect(extra.ok).toBe(false);
  });
});
