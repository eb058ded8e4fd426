import { idempotencyKeyOf as keyOf, waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { approvedContract, COMMISSION_PLAN } from '../support/commission-fixture.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 11 item 6, through HTTP, NATS, the timers, BullMQ, the notifier and SMTP: commission plans
 * as data, statements per person and period (tiers, accelerator, cap, discount reduction, a
 * clawback after a reversal), recomputed equal, approved and frozen by FINANCE, as JSON and CSV,
 * read by the person and their managers only; a dispute that goes to FINANCE when the manager's
 * SLA (working time) runs out.
 *
 * Monday 4 January 2027, 10:00 in Shanghai; December 2026 is over.
 */
const T0 = new Date('2027-01-04T02:00:00Z');


describe('appraisal: commission plans, statements and disputes', () => {
  const clock = new ManualClock(T0);
  const ids = new Map<string, string>();
  const contracts = new Map<string, string>();
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await system.as(ORG.admin).get('/approval-policy').expect(200);
      for (const e of await system.prisma.employee.findMany()) ids.set(e.email, e.id);
      // Approved in December 2026 in Shanghai (SalesFacts is the medium-tested reader; the approval flow is not under test here).
      await contract('A', ORG.rep, '80000', '5', 'Annual supply', '2026-12-03T02:00:00Z');
      await contract('B', ORG.rep, '40000', '12', 'Deal "B", phase 2', '2026-12-10T02:00:00Z');
      await contract('C', ORG.rep, '10000', '5', 'Spare parts', '2026-12-20T02:00:00Z');
      await contract('D', ORG.rep2, '50000', '5', 'Rita\u2019s deal', '2026-12-15T02:00:00Z');
      await system.prisma.salesTarget.create({ data: { period: '2026-12', employeeId: ids.get(ORG.rep)!, amount: '100000', setById: ids.get(ORG.manager)! } });
    },
  });

  async function contract(name: string, owner: string, amount: string, discountPct: string, title: string, decidedAt: string) {
    contracts.set(name, await approvedContract(system, ids.get(owner)!, { amount, discountPct, title, decidedAt }));
  }

  const statement = (as: string, period: string, employee?: string) =>
    system.as(as).get('/commission-statements').query({ period, ...(employee ? { employee } : {}) });
  const figures = (body: { lines: { kind: string; contract: { id: string }; tier: string; ratePct: string; baseCommission: string; adjustments: { kind: string; amount: string }[]; commission: string }[] }) =>
    body.lines.map((l) => [l.kind, l.contract.id, l.tier, l.ratePct, l.baseCommission, l.adjustments.map((a) => `${a.kind} ${a.amount}`), l.commission]);
  const mailsKeyed = (prefix: string) => system.smtp.received.filter((mail) => keyOf(mail).startsWith(prefix));
  let december = '';

  it('refuses a bad plan, a bad period and a plan from a specialist, writing nothing (400, 403)', async () => {
    const bad = await system.as(ORG.finance).put('/commission-plan').send({ ...COMMISSION_PLAN, tiers: [{ name: 'x', fromPct: 50, ratePct: 2 }] }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'tiers' })]);
    const missing = await system.as(ORG.finance).put('/commission-plan').send({ ...COMMISSION_PLAN, disputes: undefined }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['disputes']);
    await system.as(ORG.rep).put('/commission-plan').send(COMMISSION_PLAN).expect(403);
    const period = await statement(ORG.rep, '2026-13').expect(400);
    expect(period.body.errors).toEqual([expect.objectContaining({ field: 'period' })]);
    await system.as(ORG.rep).get('/commission-statements').expect(400);
    expect(await system.prisma.commissionPlan.count()).toBe(0);
    expect(await system.prisma.commissionStatement.count()).toBe(0);
    expect((await system.as(ORG.rep).get('/commission-plan').expect(200)).body.version).toBe(0);
  });

  it('publishes a plan version (FINANCE) in force from its month', async () => {
    const put = await system.as(ORG.finance).put('/commission-plan').send(COMMISSION_PLAN).expect(200);
    expect([put.body.version, put.body.effectiveFrom]).toEqual([1, '2026-12']);
    expect((await system.as(ORG.rep).get('/commission-plan').query({ period: '2026-11' }).expect(200)).body.version).toBe(0);
    expect((await system.as(ORG.rep).get('/commission-plan').query({ period: '2026-12' }).expect(200)).body.version).toBe(1);
  });

  it('computes tiers, the accelerator above target, the discount reduction and the cap, line by line, and the same figures again', async () => {
    const first = (await statement(ORG.rep, '2026-12').expect(200)).body;
    expect([first.status, first.target, first.sales, first.attainmentPct, first.tier, first.total, first.currency]).toEqual(['OPEN', '100000.00', '130000.00', '130.00', 'top', '5000.00', 'CNY']);
    // A: 80000 x 4 %. B crosses 100 % of target: 20000 above earns x1.5; 12 % discount is 2 points over the band: -20 %.
    // C lies wholly above target (400 + 200) but only 200 is left under the 5000 cap.
    expect(figures(first)).toEqual([
      ['SALE', contracts.get('A'), 'top', '4.0000', '3200.00', [], '3200.00'],
      ['SALE', contracts.get('B'), 'top', '4.0000', '1600.00', ['accelerator 400.00', 'discount -400.00'], '1600.00'],
      ['SALE', contracts.get('C'), 'top', '4.0000', '400.00', ['accelerator 200.00', 'cap -400.00'], '200.00'],
    ]);
    const again = (await statement(ORG.rep, '2026-12').expect(200)).body;
    expect({ ...again, computedAt: null }).toEqual({ ...first, computedAt: null });
    december = first.id;
  });

  it('gives a person without a target the base tier', async () => {
    const rita = (await statement(ORG.manager, '2026-12', ORG.rep2).expect(200)).body;
    expect([rita.target, rita.attainmentPct, rita.tier, rita.total]).toEqual([null, null, 'base', '1000.00']);
  });

  it('lets a person read their own statement and their managers theirs, nobody else (403)', async () => {
    await statement(ORG.rep2, '2026-12', ORG.rep).expect(403);
    await statement(ORG.legal, '2026-12', ORG.rep).expect(403);
    await statement(ORG.director, '2026-12', ORG.rep).expect(200);
    await statement(ORG.finance, '2026-12', ORG.rep).expect(200);
  });

  it('answers CSV with a header row and one row per contract, quotes escaped', async () => {
    const csv = await statement(ORG.rep, '2026-12').set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('statement,employee,period,status,kind,contract,title,amountBase,discountPct,tier,ratePct,baseCommission,adjustments,commission,clawsBackStatement');
    expect(rows).toHaveLength(4);
    expect(rows[2]).toContain(`SALE,${contracts.get('B')},"Deal ""B"", phase 2",40000.00,12.00,top,4.0000,1600.00,accelerator +400.00; discount -400.00,1600.00,`);
    const byFormat = await system.as(ORG.rep).get('/commission-statements').query({ period: '2026-12', format: 'csv' }).expect(200);
    expect(byFormat.text).toBe(csv.text);
  });

  it('FINANCE approves once (403 for others, 409 the second time); the plan of a paid period is locked (409)', async () => {
    await system.as(ORG.rep).post(`/commission-statements/${december}/approve`).expect(403);
    const approved = (await system.as(ORG.finance).post(`/commission-statements/${december}/approve`).expect(200)).body;
    expect([approved.status, approved.total, approved.approvedBy.email]).toEqual(['APPROVED', '5000.00', ORG.finance]);
    expect((await system.as(ORG.finance).post(`/commission-statements/${december}/approve`).expect(409)).body.code).toBe('commission_statement.approved');
    expect((await system.as(ORG.finance).put('/commission-plan').send({ ...COMMISSION_PLAN, cap: null }).expect(409)).body.code).toBe('commission_plan.locked');
    expect((await system.as(ORG.finance).put('/commission-plan').send({ ...COMMISSION_PLAN, effectiveFrom: '2027-01', cap: null }).expect(200)).body.version).toBe(2);
  });

  it('a reversed contract that was paid is clawed back in the next statement, the approved one frozen', async () => {
    await system.as(ORG.finance).post(`/contracts/${contracts.get('A')}/reverse`).send({}).expect(400);
    await system.as(ORG.rep).post(`/contracts/${contracts.get('A')}/reverse`).send({ reason: 'Customer cancelled' }).expect(403);
    expect((await system.prisma.contract.findUniqueOrThrow({ where: { id: contracts.get('A') } })).status).toBe('APPROVED');
    const reversed = await system.as(ORG.finance).post(`/contracts/${contracts.get('A')}/reverse`).send({ reason: 'Customer cancelled' }).expect(200);
    expect(reversed.body.status).toBe('REVERSED');
    await system.as(ORG.finance).post(`/contracts/${contracts.get('A')}/reverse`).send({ reason: 'again' }).expect(409);
    const audit = await system.prisma.auditEntry.findFirst({ where: { entityId: contracts.get('A'), action: 'contract.reversed' } });
    expect(audit?.after).toEqual(expect.objectContaining({ status: 'REVERSED', reason: 'Customer cancelled' }));

    const frozen = (await statement(ORG.rep, '2026-12').expect(200)).body;
    expect([frozen.status, frozen.total, frozen.lines.length]).toEqual(['APPROVED', '5000.00', 3]);
    const january = (await statement(ORG.rep, '2027-01').expect(200)).body;
    expect(figures(january)).toEqual([['CLAWBACK', contracts.get('A'), 'top', '4.0000', '0.00', ['clawback -3200.00'], '-3200.00']]);
    expect(january.lines[0].clawsBackStatementId).toBe(december);
    expect([january.planVersion, january.total]).toEqual([2, '-3200.00']);
  });

  it('a dispute goes to the manager, and to FINANCE when the manager\u2019s SLA of 2 working days runs out, each email once', async () => {
    await system.as(ORG.rep2).post(`/commission-statements/${december}/disputes`).send({ reason: 'not mine' }).expect(403);
    await system.as(ORG.rep).post(`/commission-statements/${december}/disputes`).send({ reason: '' }).expect(400);
    expect(await system.prisma.commissionDispute.count()).toBe(0);

    const opened = (await system.as(ORG.rep).post(`/commission-statements/${december}/disputes`).send({ reason: 'Contract C was before the cap' }).expect(201)).body;
    // Monday 10:00 in Shanghai plus two working days: Wednesday 10:00.
    expect([opened.stage, opened.status, opened.manager.email, opened.managerDueAt]).toEqual(['MANAGER', 'OPEN', ORG.manager, '2027-01-06T02:00:00.000Z']);
    await system.as(ORG.rep).post(`/commission-statements/${december}/disputes`).send({ reason: 'twice' }).expect(409);
    await system.smtp.waitForEmail('the dispute to the manager', (mail) => keyOf(mail) === `commission-dispute:${opened.id}:manager:${ids.get(ORG.manager)}`);

    clock.set(new Date('2027-01-06T02:00:01Z'));
    await system.smtp.waitForEmail('the escalation to FINANCE', (mail) => keyOf(mail) === `commission-dispute:${opened.id}:finance:${ids.get(ORG.finance)}`);
    const moved = await waitFor('the dispute at FINANCE', () => system.prisma.commissionDispute.findUniqueOrThrow({ where: { id: opened.id } }), (d) => d.stage === 'FINANCE');
    expect(moved.financeDueAt?.toISOString()).toBe('2027-01-07T02:00:00.000Z');
    await system.as(ORG.rep).post(`/commission-disputes/${opened.id}/resolve`).send({ outcome: 'upheld', comment: 'me' }).expect(403);
    await system.as(ORG.manager).post(`/commission-disputes/${opened.id}/resolve`).send({ outcome: 'upheld', comment: 'late' }).expect(403);
    await system.as(ORG.finance).post(`/commission-disputes/${opened.id}/resolve`).send({ outcome: 'maybe', comment: 'x' }).expect(400);
    const resolved = (await system.as(ORG.finance).post(`/commission-disputes/${opened.id}/resolve`).send({ outcome: 'rejected', comment: 'The cap applies in approval order' }).expect(200)).body;
    expect([resolved.status, resolved.outcome, resolved.resolvedBy.email]).toEqual(['RESOLVED', 'rejected', ORG.finance]);
    await system.as(ORG.finance).post(`/commission-disputes/${opened.id}/resolve`).send({ outcome: 'rejected', comment: 'again' }).expect(409);
    await system.smtp.waitForEmail('the outcome to the person', (mail) => keyOf(mail) === `commission-dispute:${opened.id}:employee:${ids.get(ORG.rep)}`);
    // FINANCE's SLA timer was cancelled with the resolution: ADMIN is never told.
    const financeTimer = await system.prisma.timer.findFirstOrThrow({ where: { uniqueKey: `commission-dispute:${opened.id}:FINANCE` } });
    expect([financeTimer.firedAt, financeTimer.cancelledAt]).toEqual([null, expect.any(Date)]);
    expect(mailsKeyed(`commission-dispute:${opened.id}:manager:`)).toHaveLength(1);
    expect(mailsKeyed(`commission-dispute:${opened.id}:finance:`)).toHaveLength(1);
    expect(mailsKeyed(`commission-dispute:${opened.id}:admin:`)).toHaveLength(0);
  });
});
