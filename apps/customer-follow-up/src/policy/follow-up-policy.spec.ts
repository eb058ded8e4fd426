import { DEFAULT_FOLLOW_UP_POLICY, mergeFollowUpPolicy, validateFollowUpPolicy } from './follow-up-policy.js';

describe('follow-up policy', () => {
  it('defaults to the handbook cadence: A every 14, B every 30, C every 90 working days', () => {
    expect(DEFAULT_FOLLOW_UP_POLICY.cadenceDays).toEqual({ A: 14, B: 30, C: 90 });
    expect(DEFAULT_FOLLOW_UP_POLICY.complaintDeadlines.critical).toEqual({ acknowledge: 'PT2H', resolve: 'PT24H' });
    expect(DEFAULT_FOLLOW_UP_POLICY.surveyCapDays).toBe(30);
  });

  it('a complete document is valid as it is: the defaults themselves pass', () => {
    expect(validateFollowUpPolicy(DEFAULT_FOLLOW_UP_POLICY)).toEqual({ ok: true, policy: DEFAULT_FOLLOW_UP_POLICY });
  });

  it('guarantee: an empty or partial document is refused, listing every missing field, instead of resetting the rest to defaults', () => {
    const empty = validateFollowUpPolicy({});
    expect(empty.ok ? [] : empty.errors.map((e) => e.field)).toEqual(Object.keys(DEFAULT_FOLLOW_UP_POLICY));
    expect(empty.ok ? '' : empty.errors[0].message).toBe('cadenceDays is required (a PUT takes the whole policy; PATCH changes part of it)');
    const { risk, ...withoutRisk } = DEFAULT_FOLLOW_UP_POLICY;
    const partialRisk = validateFollowUpPolicy({ ...withoutRisk, risk: { ...risk, cooldownDays: undefined } });
    expect(partialRisk.ok ? [] : partialRisk.errors.map((e) => e.field)).toEqual(['risk.cooldownDays']);
  });

  it('bounds every complaint deadline to PT1S..P90D, naming the field', () => {
    const deadlines = { ...DEFAULT_FOLLOW_UP_POLICY.complaintDeadlines, high: { acknowledge: 'PT0S', resolve: 'P99999999D' } };
    const result = validateFollowUpPolicy({ ...DEFAULT_FOLLOW_UP_POLICY, complaintDeadlines: deadlines });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'complaintDeadlines.high.acknowledge', message: expect.stringContaining('shorter than PT1S') },
      { field: 'complaintDeadlines.high.resolve', message: expect.stringContaining('longer than P90D') },
    ]);
  });

  it('a PATCH merges nested objects field by field, replaces everything else, then checks the whole', () => {
    expect(mergeFollowUpPolicy(DEFAULT_FOLLOW_UP_POLICY, { cadenceDays: { A: 7 }, surveyCapDays: 45 })).toEqual({
      ok: true,
      policy: { ...DEFAULT_FOLLOW_UP_POLICY, cadenceDays: { A: 7, B: 30, C: 90 }, surveyCapDays: 45 },
    });
    const bad = mergeFollowUpPolicy(DEFAULT_FOLLOW_UP_POLICY, { risk: { cooldownDays: -1 } });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['risk.cooldownDays']);
    expect(mergeFollowUpPolicy(DEFAULT_FOLLOW_UP_POLICY, 'x').ok).toBe(false);
  });

  it('guarantee: an empty PATCH is refused instead of storing a version identical to the active one', () => {
    expect(mergeFollowUpPolicy(DEFAULT_FOLLOW_UP_POLICY, {})).toEqual({ ok: false, errors: [{ field: '(root)', message: 'name at least one field to change' }] });
  });

  it('a "__proto__" key in a PATCH stays a field of its own and is refused, never a prototype', () => {
    const result = mergeFollowUpPolicy(DEFAULT_FOLLOW_UP_POLICY, JSON.parse('{"__proto__": {"surveyCapDays": 1}}'));
    expect(result.ok ? [] : result.errors).toEqual([{ field: '(root)', message: expect.stringContaining('__proto__') }]);
  });

  it('refuses unknown fields and bad numbers with field paths', () => {
    const result = validateFollowUpPolicy({ cadenceDays: { A: 0, B: 30, C: 90 }, bogus: 1, complaintDeadlines: { critical: { acknowledge: 'soon', resolve: 'PT1H' } } });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['cadenceDays.A', '(root)', 'complaintDeadlines.critical.acknowledge']));
  });
});
