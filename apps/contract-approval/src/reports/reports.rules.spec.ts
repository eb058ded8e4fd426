import { DEFAULT_POLICY } from '../policy/default-policy.js';
import { discountThresholds } from './reports.rules.js';

describe('discountThresholds', () => {
  it('reads the discount each stage starts above from its condition, lowest first', () => {
    expect(discountThresholds(DEFAULT_POLICY)).toEqual([{ stage: 'manager', discountPct: 5 }, { stage: 'director', discountPct: 15 }]);
  });

  it('adds nothing for a stage whose condition does not name the discount', () => {
    expect(discountThresholds({ reminderAt: 0.5, stages: [{ name: 'finance', when: 'amount >= 1000000', approvers: ['role:FINANCE'], mode: 'all', sla: 'PT8H' }] })).toEqual([]);
  });
});
