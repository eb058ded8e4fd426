import { DEFAULT_COMMISSION_PLAN, validateCommissionPlan } from './commission-plan.js';

describe('commission plan dispute SLAs', () => {
  it('accepts the default plan and SLAs up to P90D', () => {
    expect(validateCommissionPlan(DEFAULT_COMMISSION_PLAN).ok).toBe(true);
    expect(validateCommissionPlan({ ...DEFAULT_COMMISSION_PLAN, disputes: { managerSla: 'P90D', financeSla: 'PT1S' } }).ok).toBe(true);
  });

  it('guarantee: an SLA outside PT1S..P90D, or one working time cannot count (months), is a 400 naming its field', () => {
    const result = validateCommissionPlan({ ...DEFAULT_COMMISSION_PLAN, disputes: { managerSla: 'P99999999D', financeSla: 'PT0S' } });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'disputes.managerSla', message: expect.stringContaining('longer than P90D') },
      { field: 'disputes.financeSla', message: expect.stringContaining('shorter than PT1S') },
    ]);
    const months = validateCommissionPlan({ ...DEFAULT_COMMISSION_PLAN, disputes: { managerSla: 'P1M', financeSla: 'P2D' } });
    expect(months.ok ? [] : months.errors.map((e) => e.field)).toEqual(['disputes.managerSla']);
  });
});
