import { isRiskier, mayResubmit, mayReverse, mayWithdraw, withdrawalReach } from './contracts.rules.js';

describe('contracts rules', () => {
  it('lets a contract be withdrawn only while a decision is open on it', () => {
    expect(mayWithdraw('PENDING_APPROVAL')).toBe(true);
    expect(mayWithdraw('CHANGES_REQUESTED')).toBe(true);
    for (const status of ['APPROVED', 'REJECTED', 'WITHDRAWN'] as const) expect(mayWithdraw(status)).toBe(false);
  });

  it('reverses only an approved contract', () => {
    expect(mayReverse('APPROVED')).toBe(true);
    for (const status of ['PENDING_APPROVAL', 'CHANGES_REQUESTED', 'REJECTED', 'WITHDRAWN', 'REVERSED'] as const) expect(mayReverse(status)).toBe(false);
  });

  it('takes a resubmission only after changes were requested', () => {
    expect(mayResubmit('CHANGES_REQUESTED')).toBe(true);
    for (const status of ['PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const) expect(mayResubmit(status)).toBe(false);
  });

  it('calls a resubmission riskier when any figure goes up, comparing the stored decimals as numbers', () => {
    const before = { amountBase: '9000.00', discountPct: '5.00', paymentTermDays: 30 };
    expect(isRiskier(before, before)).toBe(false);
    expect(isRiskier(before, { ...before, amountBase: '10000.00' })).toBe(true);
    expect(isRiskier(before, { ...before, discountPct: '5.5' })).toBe(true);
    expect(isRiskier(before, { ...before, paymentTermDays: 45 })).toBe(true);
    // As text '9000.00' > '10000.00': comparing the strings would get this one wrong.
    expect(isRiskier({ ...before, amountBase: '10000.00' }, before)).toBe(false);
    expect(isRiskier(before, { amountBase: '8000.00', discountPct: '0', paymentTermDays: 15 })).toBe(false);
  });

  it('cancels each pending step once and tells each active assignee once, steps nobody holds included', () => {
    expect(withdrawalReach([
      { stepId: 's1', employeeId: 'ann' },
      { stepId: 's1', employeeId: 'bob' },
      { stepId: 's2', employeeId: 'ann' },
      { stepId: 's3', employeeId: null },
    ])).toEqual({ stepIds: ['s1', 's2', 's3'], approverIds: ['ann', 'bob'] });
  });
});
