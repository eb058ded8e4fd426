import { DEFAULT_TRAINING_POLICY, validateTrainingPolicy } from './training-policy.js';

describe('training policy', () => {
  it('defaults to reminders 7 days, 1 day and 1 hour before', () => {
    expect(DEFAULT_TRAINING_POLICY.remindersBefore).toEqual(['P7D', 'P1D', 'PT1H']);
    expect(validateTrainingPolicy(DEFAULT_TRAINING_POLICY)).toEqual({ ok: true, policy: DEFAULT_TRAINING_POLICY });
  });

  it('names a missing field, a bad offset and an unknown field', () => {
    const missing = validateTrainingPolicy({});
    expect(missing).toEqual({ ok: false, errors: [{ field: 'remindersBefore', message: expect.stringContaining('required') }] });
    const bad = validateTrainingPolicy({ remindersBefore: ['P1D', 'soon'], extra: 1 });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field).sort()).toEqual(['(root)', 'remindersBefore[1]']);
  });
});
