import { randomUUID } from 'node:crypto';
import type { Customer, CustomerTier } from '#generated/prisma';
import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { RiskJobs } from '../../apps/customer-follow-up/src/risk/risk.jobs.js';
import { engineIdle } from './engine-idle.js';
import { employeeId, keyOf, mailsWithKey } from './revisit-test-helpers.js';

/**
 * Issue 3, item 7 (customer demand change risk): a daily scan, armed at start for 06:00 in
 * Shanghai and re-armed by each firing, flags falling satisfaction, complaint spikes, and A-tier
 * customers without an approved contract in 90 days or a completed visit in twice their cadence.
 * Each flag is a risk alert with its evidence, emailed to the owner's manager (the owner when
 * they have none) with the handbook's countermeasures; not re-sent within the 14-day cooldown
 * unless it gets worse; a snooze silences it until its date even if it gets worse; an
 * acknowledgement silences it until it gets worse, which re-opens it.
 *
 * One timeline on a ManualClock: each test continues where the previous one stopped, and every
 * scan runs because the clock passed its timer (never called directly).
 */
const T0 = new Date('2027-03-10T02:00:00Z'); // Wednesday 10:00 in Shanghai
const DAY = 24 * 3600_000;
const daysBefore = (days: number) => new Date(T0.getTime() - days * DAY);
/** 30 s after the scan time of this Shanghai date (06:00 there = 22:00Z the day before). */
const scanOf = (shanghaiDate: string) => new Date(new Date(`${shanghaiDate}T06:00:30+08:00`).getTime());

interface AlertBody {
  id: string;
  rule: string;
  severity: number;
  active: boolean;
  status: string;
  evidence: Record<string, unknown>;
  customer: { id: string; code: string };
  owner: { email: string };
  sendCount: number;
  lastSentAt: string | null;
  snoozedUntil: string | null;
  acknowledgedBy: { email: string } | null;
}

describe('customer demand change risk alerts', () => {
  const clock = new ManualClock(T0);
  const id: Record<string, string> = {};
  const customers: Record<string, Customer> = {};
  const alertOf: Record<string, string> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      for (const email of [ORG.rep, ORG.rep2, ORG.manager, ORG.director]) id[email] = await employeeId(system, email);
      // Every alert is critical here: each is emailed at once, as before the daily digest (risk-digest.e2e-spec.ts).
      await system.as(ORG.admin).patch('/follow-up-policy').send({ risk: { criticalSeverity: 0 } }).expect(200);

      // ALPHA: tier A, last approved contract 100 days ago, visited 3 days ago: no contract in 90 days.
      await customer('ALPHA', ORG.rep, 'A');
      await approvedContract('ALPHA', daysBefore(100));
      await doneVisit('ALPHA', daysBefore(3));
      // BETA: 3 complaints in the last 30 days against 1 in the 30 before: a spike (factor 2, minimum 3).
      await customer('BETA', ORG.rep2, 'B');
      for (const days of [2, 5, 10, 40]) await complaint('BETA', daysBefore(days));
      // GAMMA: ratings 5 and 4 three to five months ago; a survey 2 and a visit rated 3 lately: a drop of 2.
      await customer('GAMMA', ORG.rep, 'C');
      await answeredSurvey('GAMMA', daysBefore(150), 5);
      await answeredSurvey('GAMMA', daysBefore(120), 4);
      await answeredSurvey('GAMMA', daysBefore(20), 2);
      await doneVisit('GAMMA', daysBefore(10), 3);
      // DELTA: tier A of the director (who has no manager), signed 10 days ago, never visited.
      await customer('DELTA', ORG.director, 'A');
      await approvedContract('DELTA', daysBefore(10));
      // CALM: tier A, signed and visited lately, no complaints: never flagged.
      await customer('CALM', ORG.rep, 'A');
      await approvedContract('CALM', daysBefore(10));
      await doneVisit('CALM', daysBefore(5), 5);
      await engineIdle(system, clock, 'the setup');
    },
  });

  const riskMails = (alertId = '') => mailsWithKey(system, `risk-alert:${alertId}`);

  async function moveTo(at: Date, description: string) {
    clock.set(at);
    await engineIdle(system, clock, description);
  }

  async function customer(code: string, owner: string, tier: CustomerTier): Promise<Customer> {
    customers[code] = await system.prisma.customer.create({
      data: { code, name: `Customer ${code}`, ownerId: id[owner], tier, status: 'active', region: 'Shanghai', contacts: [], createdAt: daysBefore(400) },
    });
    return customers[code];
  }

  async function approvedContract(customerCode: string, decidedAt: Date) {
    const c = customers[customerCode];
    await system.prisma.contract.create({
      data: {
        ownerId: c.ownerId, customerId: c.id, customerName: c.name, title: `Order of ${c.code}`, amount: 500_000, currency: 'CNY', amountBase: 500_000,
        discountPct: 0, paymentTermDays: 30, status: 'APPROVED', policyVersion: 1, decidedAt, createdAt: decidedAt,
      },
    });
  }

  async function doneVisit(customerCode: string, completedAt: Date, satisfaction: number | null = null) {
    const c = customers[customerCode];
    await system.prisma.visit.create({ data: { customerId: c.id, ownerId: c.ownerId, kind: 'regular', dueAt: completedAt, status: 'done', completedAt, satisfaction, createdAt: completedAt } });
  }

  async function answeredSurvey(customerCode: string, answeredAt: Date, score: number) {
    await system.prisma.survey.create({
      data: {
        customerId: customers[customerCode].id, contactEmail: `buyer@${customerCode.toLowerCase()}.example`, reason: 'contract', sourceId: randomUUID(),
        tokenHash: randomUUID(), expiresAt: answeredAt, answeredAt, score, createdAt: answeredAt,
      },
    });
  }

  async function complaint(customerCode: string, createdAt: Date) {
    await system.prisma.complaint.create({
      data: {
        customerId: customers[customerCode].id, severity: 'medium', channel: 'phone', description: 'Late delivery', assigneeId: id[ORG.rep2],
        ackDueAt: createdAt, resolveDueAt: createdAt, createdById: id[ORG.rep], createdAt,
      },
    });
  }

  async function listAs(email: string, query = 'type=customer_demand'): Promise<AlertBody[]> {
    return (await system.as(email).get(`/risk-alerts?${query}`).expect(200)).body.items as AlertBody[];
  }

  async function alert(code: string): Promise<AlertBody> {
    const found = (await listAs(ORG.admin)).find((a) => a.customer.code === code);
    if (!found) throw new Error(`No risk alert about ${code}`);
    return found;
  }

  const scansCompleted = () => system.prisma.auditEntry.count({ where: { action: 'risk-scan.completed' } });

  it('guarantee: the scan is a timer armed at start for 06:00 Shanghai on the bulk queue; nothing is flagged before it fires', async () => {
    const timer = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: 'risk-scan:2027-03-11' } });
    expect(timer).toMatchObject({ kind: 'risk.scan', queue: 'followup-bulk', subjectId: '00000000-0000-0000-0000-000000000000', firedAt: null });
    expect(timer.dueAt.toISOString()).toBe('2027-03-10T22:00:00.000Z');
    await moveTo(new Date('2027-03-10T21:59:59Z'), 'one second before the first scan');
    expect(await system.prisma.riskAlert.count()).toBe(0);
  });

  it('guarantee: the scan flags each rule with its evidence, emails each alert once on the urgent queue to the owner\u2019s manager (the owner without one), with the countermeasures, and arms the next day\u2019s scan', async () => {
    await moveTo(scanOf('2027-03-11'), 'the first daily scan');
    expect(await scansCompleted()).toBe(1);
    // A duplicate of the scan's job (restored after a Redis flush) finds the completed scan (its audit entry names the timer) and does nothing.
    const fired = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: 'risk-scan:2027-03-11' } });
    expect(await system.app.get(RiskJobs).scan({ timerId: fired.id, subjectId: fired.subjectId }, { outboxId: randomUUID(), correlationId: null, queue: 'followup-bulk' })).toBe('skipped');
    expect(await scansCompleted()).toBe(1);

    const alerts = await listAs(ORG.admin);
    expect(alerts.map((a) => `${a.customer.code}:${a.rule}`).sort()).toEqual(['ALPHA:no_recent_contract', 'BETA:complaint_spike', 'DELTA:no_recent_visit', 'GAMMA:satisfaction_trend']);
    // Paged newest first with a cursor, for ADMIN and for a manager (who sees their reporting line's): each alert once.
    for (const reader of [ORG.admin, ORG.manager]) {
      const all = await listAs(reader);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await system.as(reader).get(`/risk-alerts?type=customer_demand&limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body as { items: AlertBody[]; nextCursor: string | null };
        seen.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((a) => a.id));
    }
    for (const a of alerts) alertOf[a.customer.code] = a.id;
    const alpha = alerts.find((a) => a.customer.code === 'ALPHA')!;
    expect(alpha).toMatchObject({
      severity: 1, active: true, status: 'open', sendCount: 1, lastSentAt: scanOf('2027-03-11').toISOString(), owner: { email: ORG.rep },
      evidence: { lastApprovedAt: daysBefore(100).toISOString(), days: 100, thresholdDays: 90 },
    });
    expect(alerts.find((a) => a.customer.code === 'BETA')).toMatchObject({ severity: 3, evidence: { windowDays: 30, recentCount: 3, previousCount: 1, factor: 2, minimum: 3 } });
    expect(alerts.find((a) => a.customer.code === 'GAMMA')).toMatchObject({
      severity: 2, evidence: { windowDays: 90, recentAverage: 2.5, recentCount: 2, previousAverage: 4.5, previousCount: 2, drop: 2, threshold: 1 },
    });
    expect(alerts.find((a) => a.customer.code === 'DELTA')).toMatchObject({ evidence: { lastCompletedAt: null, cadenceDays: 14, factor: 2, thresholdWorkingDays: 28 } });

    // One email per alert: the manager for the reps' customers, the director for his own.
    const mails = riskMails();
    expect(mails.map((m) => keyOf(m)).sort()).toEqual(Object.values(alertOf).map((alertId) => `risk-alert:${alertId}:1`).sort());
    const toAlpha = riskMails(alertOf.ALPHA)[0];
    expect(toAlpha.to).toEqual([ORG.manager]);
    expect(riskMails(alertOf.DELTA)[0].to).toEqual([ORG.director]);
    expect(toAlpha.subject).toBe(`Customer risk: no approved contract from Customer ALPHA (ALPHA) in 100 days`);
    expect(toAlpha.text).toContain('a customer of Ray Rep (rep@salesflow.test)');
    expect(toAlpha.text).toContain('Days without an approved contract: 100 (an alert from 90)');
    expect(toAlpha.text).toContain("Adjust the product mix and the offer to the customer's needs.");
    expect(toAlpha.text).toContain("Collect the customer's feedback regularly.");
    expect(toAlpha.text).toContain('Talk to the customer more often.');
    expect(riskMails(alertOf.GAMMA)[0].text).toContain('Average satisfaction, last 90 days: 2.5 from 2 ratings');
    const ledger = await system.prisma.notification.findUniqueOrThrow({ where: { idempotencyKey: `risk-alert:${alertOf.ALPHA}:1` } });
    const emailJob = await system.prisma.outbox.findFirstOrThrow({ where: { payload: { path: ['notificationId'], equals: ledger.id } } });
    expect(emailJob.queue).toBe('notifier-urgent');

    const next = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: 'risk-scan:2027-03-12' } });
    expect(next.dueAt.toISOString()).toBe('2027-03-11T22:00:00.000Z');
    const raised = await system.prisma.auditEntry.count({ where: { entityType: 'risk-alert', action: 'risk-alert.raised' } });
    expect(raised).toBe(4);
  });

  it('guarantee: managers see the alerts of their reporting line\u2019s customers, owners their own, ADMIN all, others none', async () => {
    const codes = async (email: string) => (await listAs(email)).map((a) => a.customer.code).sort();
    expect(await codes(ORG.manager)).toEqual(['ALPHA', 'BETA', 'GAMMA']);
    expect(await codes(ORG.director)).toEqual(['ALPHA', 'BETA', 'DELTA', 'GAMMA']);
    expect(await codes(ORG.rep)).toEqual(['ALPHA', 'GAMMA']);
    expect(await codes(ORG.rep2)).toEqual(['BETA']);
    expect(await codes(ORG.finance)).toEqual([]);
    expect((await listAs(ORG.admin, 'type=customer_demand&status=acknowledged')).length).toBe(0);
    await system.as(ORG.admin).get('/risk-alerts?status=closed').expect(400);
    await system.as(ORG.admin).get('/risk-alerts?type=weather').expect(400);
  });

  it('guarantee: the next day\u2019s scan re-sends nothing within the cooldown, while the evidence follows the day', async () => {
    await moveTo(scanOf('2027-03-12'), 'the second daily scan');
    expect(await scansCompleted()).toBe(2);
    expect(riskMails()).toHaveLength(4);
    const alpha = await alert('ALPHA');
    expect(alpha).toMatchObject({ sendCount: 1, lastSentAt: scanOf('2027-03-11').toISOString(), evidence: { days: 101 } });
  });

  it('guarantee: a flag that gets worse is re-sent within the cooldown, saying so, and only that one', async () => {
    await complaint('BETA', new Date(clock.now().getTime() + 3600_000));
    await complaint('BETA', new Date(clock.now().getTime() + 7200_000));
    await moveTo(scanOf('2027-03-13'), 'the scan after two more complaints');
    const beta = riskMails(alertOf.BETA);
    expect(beta.map(keyOf)).toEqual([`risk-alert:${alertOf.BETA}:1`, `risk-alert:${alertOf.BETA}:2`]);
    expect(beta[1].to).toEqual([ORG.manager]);
    expect(beta[1].text).toContain('This risk has got worse since the last alert.');
    expect(beta[1].text).toContain('Complaints, last 30 days: 5');
    expect(riskMails()).toHaveLength(5);
    expect(await alert('BETA')).toMatchObject({ severity: 5, sendCount: 2, status: 'open' });
  });

  it('guarantee: snoozing needs a future instant and a reason (400 otherwise, nothing changed), is refused to the owner who has a manager (403), and is audited', async () => {
    const path = `/risk-alerts/${alertOf.BETA}/snooze`;
    const bad = [
      { until: '2027-03-01T00:00:00Z', reason: 'past' },
      { until: 'next week', reason: 'not an instant' },
      { until: '2027-03-15T00:00:00Z' },
      { until: '2027-03-15T00:00:00Z', reason: 'x', extra: true },
    ];
    for (const body of bad) {
      const response = await system.as(ORG.manager).post(path).send(body).expect(400);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    expect((await alert('BETA')).status).toBe('open');
    await system.as(ORG.rep2).post(path).send({ until: '2027-03-15T00:00:00Z', reason: 'mine' }).expect(403);
    await system.as(ORG.manager).post(`/risk-alerts/${randomUUID()}/snooze`).send({ until: '2027-03-15T00:00:00Z', reason: 'x' }).expect(404);

    const snoozed = await system.as(ORG.manager).post(path).send({ until: '2027-03-15T00:00:00Z', reason: 'Customer is restructuring its purchasing.' }).expect(200);
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: '2027-03-15T00:00:00.000Z', snoozeReason: 'Customer is restructuring its purchasing.' });
    const audit = await system.prisma.auditEntry.findFirstOrThrow({ where: { entityId: alertOf.BETA, action: 'risk-alert.snoozed' } });
    expect(audit).toMatchObject({ actorId: id[ORG.manager], before: { status: 'open' }, after: { status: 'snoozed', snoozedUntil: '2027-03-15T00:00:00.000Z' } });
  });

  it('guarantee: a snoozed alert stays silent until its date even when it gets worse; after a downtime one catch-up scan re-opens it and sends it', async () => {
    await complaint('BETA', new Date(clock.now().getTime() + 3600_000));
    await moveTo(scanOf('2027-03-14'), 'the scan during the snooze');
    expect(riskMails(alertOf.BETA)).toHaveLength(2);
    expect(await alert('BETA')).toMatchObject({ status: 'snoozed', severity: 6 });

    // Two days without the service: the next scan fires late, once.
    const before = await scansCompleted();
    await moveTo(scanOf('2027-03-16'), 'the catch-up scan after the snooze date');
    expect(await scansCompleted()).toBe(before + 1);
    const beta = riskMails(alertOf.BETA);
    expect(beta.map(keyOf)).toEqual([1, 2, 3].map((n) => `risk-alert:${alertOf.BETA}:${n}`));
    expect(beta[2].text).toContain('Complaints, last 30 days: 6');
    expect(await alert('BETA')).toMatchObject({ status: 'open', snoozedUntil: null, sendCount: 3 });
  });

  it('guarantee: acknowledging silences an alert past its cooldown (an open one is reminded), 409 the second time, 403 for the owner who has a manager', async () => {
    await system.as(ORG.rep).post(`/risk-alerts/${alertOf.ALPHA}/acknowledge`).expect(403);
    const acknowledged = await system.as(ORG.manager).post(`/risk-alerts/${alertOf.ALPHA}/acknowledge`).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: { email: ORG.manager } });
    await system.as(ORG.manager).post(`/risk-alerts/${alertOf.ALPHA}/acknowledge`).expect(409);
    expect(await system.prisma.auditEntry.count({ where: { entityId: alertOf.ALPHA, action: 'risk-alert.acknowledged', actorId: id[ORG.manager] } })).toBe(1);

    // 14 days after the first emails: the open GAMMA alert is reminded, the acknowledged ALPHA one is not.
    await moveTo(scanOf('2027-03-25'), 'the first scan after the cooldown');
    expect(riskMails(alertOf.ALPHA)).toHaveLength(1);
    const gamma = riskMails(alertOf.GAMMA);
    expect(gamma.map(keyOf)).toEqual([`risk-alert:${alertOf.GAMMA}:1`, `risk-alert:${alertOf.GAMMA}:2`]);
    expect(gamma[1].text).toContain('This risk still holds; this is a reminder.');
    expect(await alert('ALPHA')).toMatchObject({ status: 'acknowledged', evidence: { days: 114 } });
  });

  it('guarantee: an acknowledged alert re-opens and is emailed again when it gets worse', async () => {
    await system.as(ORG.manager).post(`/risk-alerts/${alertOf.BETA}/acknowledge`).expect(200);
    await moveTo(scanOf('2027-03-26'), 'a scan with the acknowledged alert unchanged');
    expect(riskMails(alertOf.BETA)).toHaveLength(3);
    await complaint('BETA', new Date(clock.now().getTime() + 3600_000));
    await moveTo(scanOf('2027-03-27'), 'the scan after one more complaint');
    const beta = riskMails(alertOf.BETA);
    expect(beta.map(keyOf).at(-1)).toBe(`risk-alert:${alertOf.BETA}:4`);
    expect(beta.at(-1)!.text).toContain('Complaints, last 30 days: 7');
    expect(await alert('BETA')).toMatchObject({ status: 'open', severity: 7 });
    expect(await system.prisma.auditEntry.count({ where: { entityId: alertOf.BETA, action: 'risk-alert.reopened' } })).toBe(2);
    expect((await listAs(ORG.admin)).some((a) => a.customer.code === 'CALM')).toBe(false);
  });
});
