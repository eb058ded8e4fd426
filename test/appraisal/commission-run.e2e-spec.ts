import { ManualClock } from '#libs/time';
import { approvedContract, COMMISSION_PLAN } from '../support/commission-fixture.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 11 items 6 and 10: a period's statements computed for everyone at once
 * (`POST /commission-statements/compute`, FINANCE and ADMIN), set-based, give exactly the figures
 * a single statement read gives (lines, tiers, rates, adjustments, clawbacks, totals); approved
 * statements stay frozen; bad input and other roles write nothing.
 */
const T0 = new Date('2027-01-04T02:00:00Z'); // Monday 10:00 in Shanghai; December 2026 is over

describe('appraisal: every statement of a period computed at once', () => {
  const clock = new ManualClock(T0);
  const ids = new Map<string, string>();
  const contracts = new Map<string, string>();
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      // Reading the approval policy writes its version 1, which the seeded contracts name.
      await system.as(ORG.admin).get('/approval-policy').expect(200);
      for (const e of await system.prisma.employee.findMany()) ids.set(e.email, e.id);
      await contract('A', ORG.rep, '80000', '5', '2026-12-03T02:00:00Z');
      await contract('B', ORG.rep, '40000', '12', '2026-12-10T02:00:00Z');
      await contract('C', ORG.rep, '10000', '5', '2026-12-31T15:30:00Z'); // 23:30 on the 31st in Shanghai: still December
      await contract('D', ORG.rep2, '50000', '5', '2026-12-15T02:00:00Z');
      await contract('E', ORG.rep2, '20000', '0', '2027-01-02T02:00:00Z');
      await system.prisma.salesTarget.create({ data: { period: '2026-12', employeeId: ids.get(ORG.rep)!, amount: '100000', setById: ids.get(ORG.manager)! } });
      await system.as(ORG.finance).put('/commission-plan').send(COMMISSION_PLAN).expect(200);
    },
  });

  async function contract(name: string, owner: string, amount: string, discountPct: string, decidedAt: string) {
    contracts.set(name, await approvedContract(system, ids.get(owner)!, { amount, discountPct, title: `Deal ${name}`, decidedAt }));
  }

  /** What a statement says, as stored: its figures and every line. */
  async function stored(employee: string, period: string) {
    const statement = await system.prisma.commissionStatement.findUniqueOrThrow({ where: { employeeId_period: { employeeId: ids.get(employee)!, period } }, include: { lines: { orderBy: { position: 'asc' } } } });
    return {
      status: statement.status, tier: statement.tier, sales: String(statement.sales), total: String(statement.total), attainmentPct: statement.attainmentPct && String(statement.attainmentPct),
      lines: statement.lines.map((l) => [l.kind, l.contractId, l.tier, String(l.ratePct), String(l.baseCommission), JSON.stringify(l.adjustments), String(l.commission), l.clawsBackStatementId]),
    };
  }

  it('only FINANCE and ADMIN run it; a bad period is 400; neither writes anything', async () => {
    await system.as(ORG.manager).post('/commission-statements/compute').send({ period: '2026-12' }).expect(403);
    const bad = await system.as(ORG.finance).post('/commission-statements/compute').send({ period: '2026-13' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'period' })]);
    expect(await system.prisma.commissionStatement.count()).toBe(0);
  });

  it('computes December for everyone with a target or a sale, with the figures a single read gives', async () => {
    const run = (await system.as(ORG.finance).post('/commission-statements/compute').send({ period: '2026-12' }).expect(200)).body;
    expect(run).toMatchObject({ period: '2026-12', statements: 2, approved: 0 });
    const batch = { rep: await stored(ORG.rep, '2026-12'), rep2: await stored(ORG.rep2, '2026-12') };
    expect(batch.rep.lines.map((l) => l[1])).toEqual([contracts.get('A'), contracts.get('B'), contracts.get('C')]);
    expect(batch.rep.tier).toBe('top');
    expect(batch.rep.lines.find((l) => l[1] === contracts.get('B'))![5]).toContain('discount');
    expect(Number(run.total)).toBeCloseTo(Number(batch.rep.total) + Number(batch.rep2.total), 2);
    // A single read recomputes and stores the statement again: nothing changes.
    for (const [who, email] of [['rep', ORG.rep], ['rep2', ORG.rep2]] as const) {
      await system.as(ORG.finance).get('/commission-statements').query({ period: '2026-12', employee: email }).expect(200);
      expect(await stored(email, '2026-12')).toEqual(batch[who]);
    }
  });

  it('an approved statement stays frozen through a later run; a clawback in January equals the single read\u2019s', async () => {
    const december = await system.prisma.commissionStatement.findUniqueOrThrow({ where: { employeeId_period: { employeeId: ids.get(ORG.rep)!, period: '2026-12' } } });
    await system.as(ORG.finance).post(`/commission-statements/${december.id}/approve`).expect(200);
    const frozen = await stored(ORG.rep, '2026-12');
    await approvedContract(system, ids.get(ORG.rep)!, { amount: '99999', discountPct: '0', title: 'Late December', decidedAt: '2026-12-20T02:00:00Z' });
    const again = (await system.as(ORG.admin).post('/commission-statements/compute').send({ period: '2026-12' }).expect(200)).body;
    expect(again).toMatchObject({ statements: 1, approved: 1 });
    expect(await stored(ORG.rep, '2026-12')).toEqual(frozen);

    clock.set(new Date('2027-01-12T02:00:00Z'));
    await system.as(ORG.finance).post(`/contracts/${contracts.get('A')}/reverse`).send({ reason: 'Customer cancelled' }).expect(200);
    await system.as(ORG.finance).post('/commission-statements/compute').send({ period: '2027-01' }).expect(200);
    const batch = await stored(ORG.rep, '2027-01');
    expect(batch.lines).toEqual([['CLAWBACK', contracts.get('A'), expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.stringMatching(/^-/), december.id]]);
    await system.as(ORG.rep).get('/commission-statements').query({ period: '2027-01' }).expect(200);
    expect(await stored(ORG.rep, '2027-01')).toEqual(batch);
  });
});
