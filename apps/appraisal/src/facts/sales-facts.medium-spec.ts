import { randomUUID } from 'node:crypto';
import { Database } from '#libs/database';
import { OrgAdminService } from '#libs/org';
import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { parsePeriod } from '../periods/period.js';
import { FactsModule } from './facts.module.js';
import { SalesFacts } from './sales-facts.repository.js';

/**
 * Medium tier: a contract counts for its owner on its approval date in the owner's zone, in
 * BASE_CURRENCY, and only once approved. Shanghai (UTC+8) and New York (UTC-5 in December) see
 * the same instant on different dates.
 */
describe('sales facts (medium)', () => {
  let t: FeatureTestingModule;
  let facts: SalesFacts;
  const ids = new Map<string, string>();

  async function contract(owner: string, status: 'APPROVED' | 'PENDING_APPROVAL' | 'WITHDRAWN', decidedAt: string | null, amount: string, currency: string, amountBase: string) {
    await t.prisma.contract.create({
      data: {
        id: randomUUID(), ownerId: ids.get(owner)!, customerName: 'Acme', title: `${owner} ${decidedAt}`, amount, currency, amountBase, discountPct: '5',
        paymentTermDays: 30, status, policyVersion: 1, decidedAt: decidedAt && new Date(decidedAt),
      },
    });
  }

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [FactsModule] });
    facts = t.get(SalesFacts);
    const admin = await t.prisma.employee.findUniqueOrThrow({ where: { email: TEST_ADMIN_EMAIL } });
    await t.get(OrgAdminService).upsertEmployees({ id: admin.id, email: admin.email, name: admin.name }, [
      { email: 'sh@salesflow.test', name: 'Shanghai Rep', role: 'SALES_SPECIALIST', timezone: 'Asia/Shanghai' },
      { email: 'ny@salesflow.test', name: 'New York Rep', role: 'SALES_SPECIALIST', timezone: 'America/New_York' },
    ]);
    for (const e of await t.prisma.employee.findMany()) ids.set(e.email.split('@')[0], e.id);
    // 2026-11-30T17:00Z is 1 December 01:00 in Shanghai and 30 November 12:00 in New York.
    await contract('sh', 'APPROVED', '2026-11-30T17:00:00Z', '100000', 'CNY', '100000');
    await contract('sh', 'APPROVED', '2026-12-10T02:00:00Z', '10000', 'USD', '71000');
    await contract('sh', 'PENDING_APPROVAL', null, '999', 'CNY', '999');
    await contract('sh', 'WITHDRAWN', '2026-12-11T02:00:00Z', '999', 'CNY', '999');
    await contract('ny', 'APPROVED', '2026-11-30T17:00:00Z', '5000', 'CNY', '5000');
    await contract('ny', 'APPROVED', '2027-01-01T03:00:00Z', '7000', 'CNY', '7000');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('totals approved contracts in BASE_CURRENCY on the approval date in each owner\u2019s zone', async () => {
    const december = parsePeriod('2026-12')!;
    const totals = await t.get(Database).transaction((tx) => facts.totals(tx, [ids.get('sh')!, ids.get('ny')!], december));
    expect(totals.get(ids.get('sh')!)).toEqual({ ownerId: ids.get('sh'), amount: '171000.00', contracts: 2 });
    // New York: the 30 November contract is November there; 1 January 03:00Z is still 31 December.
    expect(totals.get(ids.get('ny')!)).toEqual({ ownerId: ids.get('ny'), amount: '7000.00', contracts: 1 });
  });

  it('lists the contracts behind a total with their local approval date', async () => {
    const lines = await t.get(Database).transaction((tx) => facts.contracts(tx, [ids.get('sh')!], parsePeriod('2026-Q4')!));
    expect(lines.map((l) => [l.approvedOn, l.currency, l.amount, l.amountBase])).toEqual([['2026-12-01', 'CNY', '100000.00', '100000.00'], ['2026-12-10', 'USD', '10000.00', '71000.00']]);
  });
});
