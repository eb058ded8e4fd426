import type { Caller } from '#libs/rpc';
import { featureTestingModule, seedEmployees, SMALL_TEAM, type FeatureTestingModule } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ContractsModule } from './contracts.module.js';
import { ContractsService } from './contracts.service.js';

/**
 * Medium tier: reversing an approved contract (FINANCE, ADMIN) makes it REVERSED with the time,
 * keeps its approval instant, and audits the reason in the same transaction; anything but an
 * approved contract is 409, anyone but FINANCE or ADMIN 403, and neither writes a thing.
 */
describe('contract reversal (medium)', () => {
  const clock = new ManualClock(new Date('2027-03-10T02:00:00Z'));
  let t: FeatureTestingModule;
  let contracts: ContractsService;
  let callers = new Map<string, Caller>();

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [ContractsModule], clock });
    contracts = t.get(ContractsService);
    callers = await seedEmployees(t, SMALL_TEAM);
  });
  afterAll(async () => {
    await t?.close();
  });

  const submit = (discountPct: number) => contracts.submit(callers.get('rep')!, {
    customerName: 'Acme', title: `Order at ${discountPct}%`, amount: 50000, currency: 'CNY', discountPct, paymentTermDays: 30,
  }, undefined, 'corr-submit');

  it('moves an approved contract to REVERSED, audited with the reason; a second reversal is 409', async () => {
    const approved = await submit(3);
    expect(approved.status).toBe('APPROVED');
    const before = await t.prisma.contract.findUniqueOrThrow({ where: { id: approved.id } });
    clock.set(new Date('2027-04-01T02:00:00Z'));
    await expect(contracts.reverse(callers.get('rep')!, approved.id, 'mine', 'corr-1')).rejects.toMatchObject({ status: 403 });
    const reversed = await contracts.reverse(callers.get('finance')!, approved.id, 'Customer cancelled', 'corr-2');
    expect(reversed.status).toBe('REVERSED');
    const row = await t.prisma.contract.findUniqueOrThrow({ where: { id: approved.id } });
    expect([row.status, row.reversedAt?.toISOString(), row.decidedAt?.toISOString()]).toEqual(['REVERSED', '2027-04-01T02:00:00.000Z', before.decidedAt?.toISOString()]);
    const audit = await t.prisma.auditEntry.findMany({ where: { entityId: approved.id, action: 'contract.reversed' } });
    expect(audit.map((a) => [a.actorId, a.after])).toEqual([[callers.get('finance')!.id, { status: 'REVERSED', reason: 'Customer cancelled' }]]);
    await expect(contracts.reverse(callers.get('finance')!, approved.id, 'again', 'corr-3')).rejects.toMatchObject({ status: 409 });
  });

  it('refuses a contract still pending approval (409) and changes nothing', async () => {
    const pending = await submit(8);
    expect(pending.status).toBe('PENDING_APPROVAL');
    await expect(contracts.reverse(callers.get('admin')!, pending.id, 'no', 'corr-4')).rejects.toMatchObject({ status: 409, code: 'contract.not_approved' });
    expect((await t.prisma.contract.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('PENDING_APPROVAL');
    expect(await t.prisma.auditEntry.count({ where: { entityId: pending.id, action: 'contract.reversed' } })).toBe(0);
  });
});
