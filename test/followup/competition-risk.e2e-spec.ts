import type { Customer } from '#generated/prisma';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { CompetitionScanService } from '../../apps/customer-follow-up/src/risk/competition-scan.service.js';
import { bookingSourceId } from '../../apps/customer-follow-up/src/risk/risk-countermeasures.rules.js';
import { engineIdle } from './engine-idle.js';
import { employeeId, mailsWithKey } from './revisit-test-helpers.js';

/**
 * Issue 13 item 3 (market competition risk): a daily scan (06:30 Shanghai by default, policy
 * data) groups contracts by region, product line and customer type and flags, per segment: losses
 * to competitors rising against the trailing window, the average approved discount drifting up,
 * the share of contracts needing a director rising, A and B tier customers dropping a tier. Each
 * flag is a risk alert of type competition (the same /risk-alerts API, acknowledgement, snooze and
 * cooldown) emailed to the directors responsible for the segment's region or product line, with
 * its evidence. Every rule has a segment just below its threshold that must not flag.
 *
 * One timeline on a ManualClock: each test continues where the previous one stopped.
 */
const T0 = new Date('2027-03-10T02:00:00Z'); // Wednesday 10:00 in Shanghai
const DAY = 24 * 3600_000;
const daysBefore = (days: number) => new Date(T0.getTime() - days * DAY);
const EAST_DIRECTOR = 'east.director@salesflow.test';
const LINE_DIRECTOR = 'industrial.director@salesflow.test';

interface CompetitionAlert {
  id: string;
  type: string;
  rule: string;
  severity: number;
  status: string;
  sendCount: number;
  evidence: { segment: { region: string | null; productLine: string | null; customerType: string | null }; [key: string]: unknown };
}

describe('market competition risk alerts', () => {
  const clock = new ManualClock(T0);
  const id: Record<string, string> = {};
  const competitor: Record<string, string> = {};
  const contractIds: Record<string, string[]> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: EAST_DIRECTOR, name: 'Erin East', role: 'SALES_DIRECTOR', region: 'East' },
        { email: LINE_DIRECTOR, name: 'Ian Industrial', role: 'SALES_DIRECTOR', region: 'North' },
      ]);
      await system.prisma.employee.update({ where: { email: LINE_DIRECTOR }, data: { productLines: ['industrial'] } });
      for (const email of [ORG.rep, EAST_DIRECTOR, LINE_DIRECTOR]) id[email] = await employeeId(system, email);
      for (const name of ['Rival Corp', 'Other Ltd']) competitor[name] = (await system.as(ORG.admin).post('/competitors').send({ name }).expect(201)).body.id;
      // Every competition alert is emailed at once here (the digest is tested in risk-digest.e2e-spec.ts).
      await system.as(ORG.admin).patch('/follow-up-policy').send({ risk: { criticalSeverity: 0 } }).expect(200);
      // The losses segment's A-tier customers get the countermeasure revisits; a lost one does not.
      for (const [code, status] of [['EAST-A1', 'active'], ['EAST-A2', 'dormant'], ['EAST-A3', 'lost']] as const) {
        const row = await customer(code, 'East', 'manufacturing', 'A');
        await system.prisma.customer.update({ where: { id: row.id }, data: { status } });
      }

      // Losses (East / industrial / manufacturing): 3 lost to competitors in the last 30 days against 1 in the 90 before: flags (minimum 3, factor 1.5).
      const eastMaker = await customer('EAST-M', 'East', 'manufacturing', 'B');
      for (const [days, name] of [[2, 'Rival Corp'], [5, 'Rival Corp'], [10, 'Other Ltd'], [60, 'Rival Corp']] as const) {
        await contract('losses', eastMaker, { productLine: 'industrial', status: 'WITHDRAWN', at: daysBefore(days), lostReason: 'competitor', lostCompetitorId: competitor[name] });
      }
      // Below: East / software: only 2 lost in the window.
      for (const days of [3, 6]) await contract('losses-below', eastMaker, { productLine: 'software', status: 'WITHDRAWN', at: daysBefore(days), lostReason: 'competitor', lostCompetitorId: competitor['Rival Corp'] });
      // Not a loss to a competitor at all: a price loss in the same segment does not count.
      await contract('price-loss', eastMaker, { productLine: 'industrial', status: 'WITHDRAWN', at: daysBefore(4), lostReason: 'price' });

      // Discount drift (South / industrial / retail): 5 approved at 12% lately, 5 at 8% before: a rise of 4 points (threshold 2).
      const southShop = await customer('SOUTH-R', 'South', 'retail', 'C');
      for (const days of [1, 2, 3, 4, 5]) await contract('drift', southShop, { productLine: 'industrial', status: 'APPROVED', at: daysBefore(days), discountPct: 12 });
      for (const days of [40, 45, 50, 55, 60]) await contract('drift-old', southShop, { productLine: 'industrial', status: 'APPROVED', at: daysBefore(days), discountPct: 8 });
      // Below: South / software: 9% against 8%.
      for (const days of [1, 2, 3, 4, 5]) await contract('drift-below', southShop, { productLine: 'software', status: 'APPROVED', at: daysBefore(days), discountPct: 9 });
      for (const days of [40, 45, 50, 55, 60]) await contract('drift-below-old', southShop, { productLine: 'software', status: 'APPROVED', at: daysBefore(days), discountPct: 8 });

      // Director share (West / industrial / retail): 3 of 5 submitted lately had the director stage, none of 5 before.
      const westShop = await customer('WEST-R', 'West', 'retail', 'C');
      for (const [days, director] of [[1, true], [2, true], [3, true], [4, false], [5, false]] as const) await contract('share', westShop, { productLine: 'industrial', at: daysBefore(days), director });
      for (const days of [40, 45, 50, 55, 60]) await contract('share-old', westShop, { productLine: 'industrial', at: daysBefore(days), director: false });
      // Below: West / software: 1 of 5 both times.
      for (const [days, director] of [[1, true], [2, false], [3, false], [4, false], [5, false], [40, true], [45, false], [50, false], [55, false], [60, false]] as const) {
        await contract('share-below', westShop, { productLine: 'software', at: daysBefore(days), director });
      }

      // Tier drops (North / energy): two A or B customers down a tier lately; North / food: one.
      for (const [code, from, to, days] of [['N-E1', 'A', 'B', 3], ['N-E2', 'B', 'C', 8]] as const) await tierDrop(await customer(code, 'North', 'energy', to), from, to, daysBefore(days));
      await tierDrop(await customer('N-F1', 'North', 'food', 'B'), 'A', 'B', daysBefore(4));
      await engineIdle(system, clock, 'the setup');
    },
  });

  async function customer(code: string, region: string, industry: string, tier: Customer['tier']): Promise<Customer> {
    return system.prisma.customer.create({ data: { code, name: `Customer ${code}`, ownerId: id[ORG.rep], tier, status: 'active', region, industry, contacts: [], createdAt: daysBefore(400) } });
  }

  async function contract(
    label: string,
    c: Customer,
    k: { productLine: string; at: Date; status?: 'WITHDRAWN' | 'APPROVED' | 'PENDING_APPROVAL'; discountPct?: number; lostReason?: string; lostCompetitorId?: string; director?: boolean },
  ) {
    const status = k.status ?? 'PENDING_APPROVAL';
    const row = await system.prisma.contract.create({
      data: {
        ownerId: c.ownerId, customerId: c.id, customerName: c.name, title: `${label} ${c.code}`, amount: 50_000, currency: 'CNY', amountBase: 50_000,
        discountPct: k.discountPct ?? 5, paymentTermDays: 30, productLine: k.productLine, status, policyVersion: 1,
        decidedAt: status === 'PENDING_APPROVAL' ? null : k.at, createdAt: k.at, lostReason: k.lostReason ?? null, lostCompetitorId: k.lostCompetitorId ?? null,
      },
    });
    if (k.director) {
      await system.prisma.approvalStage.create({ data: { contractId: row.id, round: 1, position: 1, name: 'director', mode: 'all', sla: 'PT8H', status: 'WAITING' } });
    }
    (contractIds[label] ??= []).push(row.id);
  }

  async function tierDrop(c: Customer, from: string, to: string, at: Date) {
    await system.prisma.auditEntry.create({ data: { entityType: 'customer', entityId: c.id, action: 'customer.contract-approved', before: { tier: from }, after: { tier: to }, at } });
  }

  async function moveTo(at: Date, description: string) {
    clock.set(at);
    await engineIdle(system, clock, description);
  }

  async function alertsOf(email: string): Promise<CompetitionAlert[]> {
    return (await system.as(email).get('/risk-alerts?type=competition&limit=100').expect(200)).body.items as CompetitionAlert[];
  }

  const key = (a: CompetitionAlert) => `${a.rule}:${a.evidence.segment.region}/${a.evidence.segment.productLine}/${a.evidence.segment.customerType}`;
  const competitionMails = () => mailsWithKey(system, 'risk-alert:').filter((mail) => /Market competition/.test(mail.subject));
  const byRule = async (rule: string) => (await alertsOf(ORG.admin)).find((a) => a.rule === rule)!;

  it('guarantee: the scan is a timer for 06:30 Shanghai (policy data), and a policy change of the time moves the pending link', async () => {
    const timer = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: 'competition-scan:2027-03-11' } });
    expect(timer).toMatchObject({ kind: 'competition.scan', queue: 'followup-bulk', firedAt: null, cancelledAt: null });
    expect(timer.dueAt.toISOString()).toBe('2027-03-10T22:30:00.000Z');
    await system.as(ORG.admin).patch('/follow-up-policy').send({ scanTimes: { competition: '07:15' } }).expect(200);
    expect((await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: 'competition-scan:2027-03-11' } })).dueAt.toISOString()).toBe('2027-03-10T23:15:00.000Z');
    await system.as(ORG.admin).patch('/follow-up-policy').send({ scanTimes: { competition: '25:00' } }).expect(400);
    await moveTo(new Date('2027-03-10T23:14:59Z'), 'one second before the moved scan');
    expect(await system.prisma.riskAlert.count({ where: { type: 'competition' } })).toBe(0);
  });

  it('guarantee: each rule flags its segment from the seeded contracts, none flags a segment below its threshold, with the evidence (contracts, competitors, discount series)', async () => {
    await moveTo(new Date('2027-03-10T23:15:30Z'), 'the first competition scan');
    expect(await system.prisma.auditEntry.count({ where: { action: 'competition-scan.completed' } })).toBe(1);
    const alerts = await alertsOf(ORG.admin);
    expect(alerts.map(key).sort()).toEqual([
      'competitor_losses:East/industrial/manufacturing',
      'director_share:West/industrial/retail',
      'discount_drift:South/industrial/retail',
      'tier_drops:North/null/energy',
    ]);
    expect(alerts.every((a) => a.type === 'competition' && a.status === 'open' && a.severity > 0)).toBe(true);

    const losses = await byRule('competitor_losses');
    expect(losses.evidence).toMatchObject({ recentCount: 3, trailingCount: 1, minimum: 3, factor: 1.5 });
    expect([...(losses.evidence.contractIds as string[])].sort()).toEqual([...contractIds.losses].slice(0, 3).sort());
    expect(losses.evidence.competitors).toEqual([
      { id: competitor['Rival Corp'], name: 'Rival Corp', count: 2 },
      { id: competitor['Other Ltd'], name: 'Other Ltd', count: 1 },
    ]);
    const drift = await byRule('discount_drift');
    expect(drift.evidence).toMatchObject({ recentAverage: 12, trailingAverage: 8, rise: 4, recentCount: 5, trailingCount: 5 });
    expect((drift.evidence.series as { average: number; count: number }[]).reduce((n, week) => n + week.count, 0)).toBe(10);
    expect([...(drift.evidence.contractIds as string[])].sort()).toEqual([...contractIds.drift].sort());
    const share = await byRule('director_share');
    expect(share.evidence).toMatchObject({ recentShare: 0.6, trailingShare: 0, recentCount: 5, trailingCount: 5, stage: 'director' });
    const drops = await byRule('tier_drops');
    expect(drops.evidence).toMatchObject({ recentCount: 2, trailingCount: 0 });
  });

  it('guarantee: each alert is emailed to the directors responsible for its region or product line, with its evidence; a specialist and a manager never see competition alerts', async () => {
    const mails = competitionMails();
    const to = (email: string) => mails.filter((m) => m.to.includes(email)).map((m) => m.subject).sort();
    expect(to(EAST_DIRECTOR)).toEqual(['Market competition: more business lost to competitors in East / industrial']);
    expect(to(LINE_DIRECTOR)).toHaveLength(4); // industrial everywhere, and North for the tier drops
    const lossMail = mails.find((m) => m.to.includes(EAST_DIRECTOR))!;
    expect(lossMail.text).toContain('Rival Corp: 2');
    expect(lossMail.text).toContain(contractIds.losses[0]);
    expect(mails.filter((m) => m.to.includes(ORG.director) || m.to.includes(ORG.rep) || m.to.includes(ORG.manager))).toEqual([]);

    expect((await alertsOf(EAST_DIRECTOR)).map(key)).toEqual(['competitor_losses:East/industrial/manufacturing']);
    expect(await alertsOf(LINE_DIRECTOR)).toHaveLength(4);
    for (const reader of [ORG.rep, ORG.manager, ORG.director]) expect(await alertsOf(reader)).toEqual([]);
    const losses = await byRule('competitor_losses');
    await system.as(ORG.rep).post(`/risk-alerts/${losses.id}/acknowledge`).expect(403);
    await system.as(LINE_DIRECTOR).post(`/risk-alerts/${(await byRule('tier_drops')).id}/snooze`).send({ until: new Date(T0.getTime() + 30 * DAY).toISOString(), reason: 'Reviewing the North accounts' }).expect(200);
    await system.as(EAST_DIRECTOR).post(`/risk-alerts/${(await byRule('tier_drops')).id}/acknowledge`).expect(403);
  });

  it('guarantee: each competition alert gets the handbook countermeasures as tasks of the director responsible (region first), due in working time, and revisits booked for the segment\u2019s A-tier customers through the follow-up service', async () => {
    const losses = await byRule('competitor_losses');
    const tasks = await system.prisma.riskTask.findMany({ where: { alertId: losses.id }, orderBy: { kind: 'asc' } });
    expect(tasks.map((t) => [t.kind, t.ownerId, t.status])).toEqual([
      ['competitor_review', id[EAST_DIRECTOR], 'OPEN'],
      ['market_development_plan', id[EAST_DIRECTOR], 'OPEN'],
      ['segment_revisits', id[EAST_DIRECTOR], 'OPEN'],
    ]);
    expect(tasks.every((t) => t.dueAt.getTime() > clock.now().getTime())).toBe(true);
    const aTier = await system.prisma.customer.findMany({ where: { code: { in: ['EAST-A1', 'EAST-A2', 'EAST-A3'] } } });
    const revisits = tasks.find((t) => t.kind === 'segment_revisits')!;
    // Booked by this task (sourceId per task and customer); the customer-demand scan may book its own for these customers too.
    const sources = aTier.map((c) => bookingSourceId(revisits.id, c.id));
    const visits = await system.prisma.visit.findMany({ where: { kind: 'risk_countermeasure', sourceId: { in: sources } } });
    const codeOf = new Map(aTier.map((c) => [c.id, c.code]));
    expect(visits.map((v) => codeOf.get(v.customerId)).sort()).toEqual(['EAST-A1', 'EAST-A2']);
    // The director sees and works their tasks through the API; the tier-drop segment (no product line) is the line director's.
    const mine = (await system.as(EAST_DIRECTOR).get('/risk-tasks?status=OPEN').expect(200)).body.items as { alert: { id: string; type: string } }[];
    expect(mine.map((t) => [t.alert.id, t.alert.type])).toEqual([[losses.id, 'competition'], [losses.id, 'competition'], [losses.id, 'competition']]);
    const drops = await byRule('tier_drops');
    expect(new Set((await system.prisma.riskTask.findMany({ where: { alertId: drops.id } })).map((t) => t.ownerId))).toEqual(new Set([id[LINE_DIRECTOR]]));
  });

  it('guarantee: POST /risk-scans (ADMIN) runs the scan now; within the cooldown nothing is emailed again, a snoozed alert stays silent even when worse, after the cooldown the open ones are reminded', async () => {
    await system.as(EAST_DIRECTOR).post('/risk-scans').send({ type: 'competition' }).expect(403);
    const bad = await system.as(ORG.admin).post('/risk-scans').send({ type: 'weather' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['type']);
    const before = competitionMails().length;
    // Worse: a third energy customer drops a tier; the snooze holds.
    await tierDrop(await customer('N-E3', 'North', 'energy', 'C'), 'B', 'C', daysBefore(1));
    const requested = (await system.as(ORG.admin).post('/risk-scans').send({ type: 'competition' }).expect(202)).body;
    expect(requested).toEqual({ type: 'competition', requestedAt: clock.now().toISOString() });
    await engineIdle(system, clock, 'the scan run now');
    expect(await system.prisma.auditEntry.count({ where: { action: 'competition-scan.completed' } })).toBe(2);
    // The customer-demand scan runs now the same way.
    const demandScans = await system.prisma.auditEntry.count({ where: { action: 'risk-scan.completed' } });
    await system.as(ORG.admin).post('/risk-scans').send({ type: 'customer_demand' }).expect(202);
    await engineIdle(system, clock, 'the customer-demand scan run now');
    expect(await system.prisma.auditEntry.count({ where: { action: 'risk-scan.completed' } })).toBe(demandScans + 1);
    expect(competitionMails()).toHaveLength(before);
    expect((await byRule('tier_drops')).evidence).toMatchObject({ recentCount: 3 });

    await moveTo(new Date(T0.getTime() + 15 * DAY), 'fifteen days later (past the 14-day cooldown, before the snooze ends)');
    const reminded = competitionMails().slice(before);
    expect(reminded.filter((m) => m.to.includes(EAST_DIRECTOR)).map((m) => m.subject)).toEqual(['Market competition: more business lost to competitors in East / industrial']);
    expect(reminded.some((m) => /dropping a tier/.test(m.subject))).toBe(false);
    expect((await byRule('competitor_losses')).sendCount).toBe(2);
    expect((await byRule('tier_drops')).sendCount).toBe(1);
  });

  it('guarantee: two scans at once (the daily one and one run now) decide a new alert once: one email per director, one alert row', async () => {
    const eastShop = await system.prisma.customer.findUniqueOrThrow({ where: { code: 'EAST-M' } });
    for (const days of [1, 2, 3]) {
      await contract('spares-losses', eastShop, { productLine: 'spares', status: 'WITHDRAWN', at: new Date(clock.now().getTime() - days * DAY), lostReason: 'competitor', lostCompetitorId: competitor['Other Ltd'] });
    }
    const before = competitionMails().length;
    const scanner = system.app.get(CompetitionScanService);
    await Promise.all([scanner.scan(clock.now(), 'concurrent-1'), scanner.scan(clock.now(), 'concurrent-2')]);
    await engineIdle(system, clock, 'the two concurrent scans');
    const spares = (await alertsOf(ORG.admin)).filter((a) => a.evidence.segment.productLine === 'spares');
    expect(spares.map((a) => [a.rule, a.sendCount])).toEqual([['competitor_losses', 1]]);
    expect(competitionMails().slice(before).map((m) => m.to)).toEqual([[EAST_DIRECTOR]]); // spares is not the industrial director's line
  });
});
