import { DEFAULT_TRAINING_POLICY, validateTrainingPolicy, withDefaults } from './training-policy.js';

describe('training policy', () => {
  it('defaults to reminders 7 days, 1 day and 1 hour before', () => {
    expect(DEFAULT_TRAINING_POLICY.remindersBefore).toEqual(['P7D', 'P1D', 'PT1H']);
    expect(DEFAULT_TRAINING_POLICY).toMatchObject({ digestWeekday: 1, digestLocalTime: '09:00' });
    expect(validateTrainingPolicy(DEFAULT_TRAINING_POLICY)).toEqual({ ok: true, policy: DEFAULT_TRAINING_POLICY });
  });

  it('names a missing field, a bad offset and an unknown field', () => {
    const missing = validateTrainingPolicy({});
    expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual(['remindersBefore', 'digestWeekday', 'digestLocalTime']);
    expect(missing.ok ? [] : missing.errors.map((e) => e.message)).toEqual([expect.stringContaining('required'), expect.stringContaining('required'), expect.stringContaining('required')]);
    const bad = validateTrainingPolicy({ remindersBefore: ['P1D', 'soon'], digestWeekday: 1, digestLocalTime: '09:00', extra: 1 });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field).sort()).toEqual(['(root)', 'remindersBefore[1]']);
  });

  it('takes the digest on an ISO weekday at a local "HH:mm"; a stored version without them reads with the defaults', () => {
    const bad = validateTrainingPolicy({ remindersBefore: [], digestWeekday: 8, digestLocalTime: '9:00' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['digestWeekday', 'digestLocalTime']);
    expect(validateTrainingPolicy({ remindersBefore: [], digestWeekday: 0.5, digestLocalTime: '24:00' }).ok).toBe(false);
    expect(validateTrainingPolicy({ remindersBefore: ['P1D'], digestWeekday: 5, digestLocalTime: '16:30' }).ok).toBe(true);
    expect(withDefaults({ remindersBefore: ['P1D'] })).toEqual({ remindersBefore: ['P1D'], digestWeekday: 1, digestLocalTime: '09:00' });
  });
});

describe('training policy bounds', () => {
  it('refuses a reminder offset outside PT1S..P90D, naming it', () => {
    const result = validateTrainingPolicy({ ...DEFAULT_TRAINING_POLICY, remindersBefore: ['P1D', 'P99999999D', 'PT0S'] });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'remindersBefore[1]', message: expect.stringContaining('longer than P90D') },
      { field: 'remindersBefore[2]', message: expect.stringContaining('shorter than PT1S') },
    ]);
    expect(validateTrainingPolicy({ ...DEFAULT_TRAINING_POLICY, remindersBefore: ['P90D'] }).ok).toBe(true);
  });
});
