import { firstStage, mayResolve, nextStage, slaKey, stageOfKey, stillAtStage } from './disputes.rules.js';

const ID = '0b9f3c4e-1d2a-4b5c-8d7e-9f0a1b2c3d4e';

describe('dispute rules', () => {
  it('moves from the manager to FINANCE to ADMIN, and starts at FINANCE without a manager', () => {
    expect([nextStage('MANAGER'), nextStage('FINANCE'), nextStage('ADMIN')]).toEqual(['FINANCE', 'ADMIN', null]);
    expect([firstStage(true), firstStage(false)]).toEqual(['MANAGER', 'FINANCE']);
  });

  it('reads the stage back from the timer key, and nothing from a foreign key', () => {
    expect(stageOfKey(slaKey(ID, 'MANAGER'))).toBe('MANAGER');
    expect(stageOfKey(slaKey(ID, 'FINANCE'))).toBe('FINANCE');
    expect(stageOfKey(`complaint-deadline:${ID}:ack`)).toBeNull();
  });

  it('acts only while the dispute is open at the timer\'s stage', () => {
    expect(stillAtStage({ status: 'OPEN', stage: 'MANAGER' }, 'MANAGER')).toBe(true);
    expect(stillAtStage({ status: 'OPEN', stage: 'FINANCE' }, 'MANAGER')).toBe(false);
    expect(stillAtStage({ status: 'RESOLVED', stage: 'MANAGER' }, 'MANAGER')).toBe(false);
  });

  it('lets the manager line resolve at MANAGER only, FINANCE and ADMIN always, the person never', () => {
    const atManager = { employeeId: 'p', stage: 'MANAGER' as const };
    const atFinance = { employeeId: 'p', stage: 'FINANCE' as const };
    expect(mayResolve({ id: 'm', role: 'SALES_MANAGER' }, atManager, true)).toBe(true);
    expect(mayResolve({ id: 'm', role: 'SALES_MANAGER' }, atFinance, true)).toBe(false);
    expect(mayResolve({ id: 'x', role: 'SALES_MANAGER' }, atManager, false)).toBe(false);
    expect(mayResolve({ id: 'f', role: 'FINANCE' }, atFinance, false)).toBe(true);
    expect(mayResolve({ id: 'p', role: 'FINANCE' }, atFinance, false)).toBe(false);
  });
});
