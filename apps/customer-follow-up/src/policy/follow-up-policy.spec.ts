import { DEFAULT_FOLLOW_UP_POLICY, validateFollowUpPolicy } from './follow-up-policy.js';

describe('follow-up policy', () => {
  it('defaults to the handbook cadence: A every 14, B every 30, C every 90 working days', () => {
    expect(DEFAULT_FOLLOW_UP_POLICY.cadenceDays).toEqual({ A: 14, B: 30, C: 90 });
    expect(DEFAULT_FOLLOW_UP_POLICY.complaintDeadlines.critical).toEqual({ acknowledge: 'PT2H', resolve: 'PT24H' });
    expect(DEFAULT_FOLLOW_UP_POLICY.surveyCapDays).toBe(30);
  });

  it('fills what a partial document leaves out and keeps what it sets', () => {
    const result = validateFollowUpPolicy({ cadenceDays: { A: 7, B: 30, C: 90 } });
    expect(result.ok && result.policy.cadenceDays.A).toBe(7);
    expect(result.ok && result.policy.digestLocalTime).toBe('08:30');
  });

  it('refuses unknown fields and bad numbers with field paths', () => {
    const result = validateFollowUpPolicy({ cadenceDays: { A: 0, B: 30, C: 90 }, bogus: 1, complaintDeadlines: { critical: { acknowledge: 'soon', resolve: 'PT1H' } } });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['cadenceDays.A', '(root)', 'complaintDeadlines.critical.acknowledge']));
  });
});
