import type { INestApplication } from '@nestjs/common';
import type { Customer } from '#generated/prisma';
import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { countByKey, engineHasPassed, flushRedis, sweepWithReplicas } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';
import { RiskDigestService } from '../../apps/customer-follow-up/src/risk/risk-digest.service.js';
import { engineIdle } from './engine-idle.js';
import { employeeId, keyOf, mailsWithKey } from './revisit-test-helpers.js';

/**
 * Issue 13 item 6: instead of one email per alert, each manager gets one bulk email per working
 * day at 08:00 their time with every open alert of their reporting line, worst first (severity,
 * then age), the first ten in full with single-use acknowledge and snooze links, the rest counted;
 * only a critical alert (severity >= 3 by default) is still emailed at once. Nobody with nothing
 * open gets a digest, and each digest goes out once with two replicas and Redis emptied before it.
 *
 * Line: director <- manager <- (rep, rep2); director <- manager2 <- rep3; director <- manager3 <- rep4.
 */
const T0 = new Date('2027-03-10T02:00:00Z'); // Wednesday 10:00 in Shanghai
const DAY = 24 * 3600_000;
const daysBefore = (days: number) => new Date(T0.getTime() - days * DAY);
const SCAN = new Date('2027-03-11T06:00:30+08:00');
const DIGEST = new Date('2027-03-11T08:00:00+08:00');
const MANAGER2 = 'manager2@salesflow.test';
const MANAGER3 = 'manager3@salesflow.test';
const REP3 = 'rep3@salesflow.test';
const REP4 = 'rep4@salesflow.test';

describe('the manager\u2019s daily risk digest', () => {
  let replica: INestApplication;
  const clock = new ManualClock(T0);
  const id: Record<string, string> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      replica = await system.startReplica();
      await seedOrg(system);
      await addEmployees(system, [
        { email: MANAGER2, name: 'Max Manager', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'West' },
        { email: REP3, name: 'Rob Rep', role: 'SALES_SPECIALIST', managerEmail: MANAGER2, team: 'West' },
        { email: MANAGER3, name: 'Meg Manager', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'North' },
        { email: REP4, name: 'Rae Rep', role: 'SALES_SPECIALIST', managerEmail: MANAGER3, team: 'North' },
      ]);
      for (const email of [ORG.rep, ORG.rep2, REP3, REP4, ORG.manager, MANAGER2, MANAGER3, ORG.director]) id[email] = await employeeId(system, email);
      // Mia's line: ALPHA no contract for 100 days (severity 1), GAMMA for 200 (2), BETA a complaint spike of 3 (critical).
      await withContract(await customer('ALPHA', ORG.rep), 100);
      await withContract(await customer('GAMMA', ORG.rep), 200);
      const beta = await customer('BETA', ORG.rep2, 'B');
      for (const days of [2, 5, 10]) await complaint(beta, days);
      // Max's line: twelve customers, W01-W06 at severity 2, W07-W12 at severity 1; W07-W09 were flagged ten days ago already.
      for (let i = 1; i <= 12; i++) {
        const code = `W${String(i).padStart(2, '0')}`;
        const c = await customer(code, REP3);
        await withContract(c, i <= 6 ? 200 : 100);
        if (i >= 7 && i <= 9) {
          await system.prisma.riskAlert.create({
            data: { type: 'customer_demand', subjectId: c.id, customerOwnerId: c.ownerId, rule: 'no_recent_contract', severity: 1, status: 'open', evidence: { facts: null, delivery: { sends: 0, lastSentSeverity: null, clearedAt: null } }, createdAt: daysBefore(10) },
          });
        }
      }
      // Meg's line: a calm customer; nothing open.
      await withContract(await customer('CALM', REP4), 10);
      await engineIdle(system, clock, 'the setup');
    },
  });

  async function customer(code: string, owner: string, tier: 'A' | 'B' = 'A'): Promise<Customer> {
    const c = await system.prisma.customer.create({
      data: { code, name: `Customer ${code}`, ownerId: id[owner], tier, status: 'active', region: 'Shanghai', contacts: [], createdAt: daysBefore(400) },
    });
    await system.prisma.visit.create({ data: { customerId: c.id, ownerId: c.ownerId, kind: 'regular', dueAt: daysBefore(3), status: 'done', completedAt: daysBefore(3), createdAt: daysBefore(3) } });
    return c;
  }

  async function withContract(c: Customer, daysAgo: number) {
    await system.prisma.contract.create({
      data: {
        ownerId: c.ownerId, customerId: c.id, customerName: c.name, title: `Order of ${c.code}`, amount: 500_000, currency: 'CNY', amountBase: 500_000,
        discountPct: 0, paymentTermDays: 30, status: 'APPROVED', policyVersion: 1, decidedAt: daysBefore(daysAgo), createdAt: daysBefore(daysAgo),
      },
    });
  }

  async function complaint(c: Customer, daysAgo: number) {
    await system.prisma.complaint.create({
      data: { customerId: c.id, severity: 'medium', channel: 'phone', description: 'Late delivery', assigneeId: id[ORG.rep2], ackDueAt: daysBefore(daysAgo), resolveDueAt: daysBefore(daysAgo), createdById: id[ORG.rep], createdAt: daysBefore(daysAgo) },
    });
  }

  const digests = () => mailsWithKey(system, 'risk-digest:');
  const digestOf = (email: string) => digests().filter((m) => m.to[0] === email);
  /** The customer codes a digest lists, in its order. */
  const listed = (text: string) => [...text.matchAll(/severity (\d+(?:\.\d+)?): Customer (\w+) \(/g)].map((m) => `${m[2]}:${m[1]}`);

  const jumpTo = (at: Date) => sweepWithReplicas(system, replica, clock, at);

  it('guarantee: the scan emails only the critical alert at once; the others wait, and each reader\u2019s 08:00 digest is armed on the bulk queue', async () => {
    clock.set(SCAN);
    await engineIdle(system, clock, 'the daily scan');
    const alertMails = mailsWithKey(system, 'risk-alert:');
    expect(alertMails.map((m) => m.to[0])).toEqual([ORG.manager]);
    expect(alertMails[0].subject).toContain('Customer BETA');
    expect(digests()).toEqual([]);
    const timers = await system.prisma.timer.findMany({ where: { kind: 'risk.digest' } });
    expect(timers.map((t) => t.subjectId).sort()).toEqual([id[ORG.manager], id[MANAGER2], id[ORG.director]].sort());
    expect(new Set(timers.map((t) => `${t.queue} ${t.dueAt.toISOString()}`))).toEqual(new Set([`followup-bulk ${DIGEST.toISOString()}`]));
    // The alerts raised before this scan (W07-W09, without tasks) got their countermeasures at the first scan at which their rule still held.
    const older = await system.prisma.riskAlert.findMany({ where: { createdAt: daysBefore(10) }, select: { id: true } });
    expect(older).toHaveLength(3);
    expect(await system.prisma.riskTask.count({ where: { alertId: { in: older.map((a) => a.id) } } })).toBe(9);
  });

  it('guarantee: after a Redis flush, at 08:00 (not before) one digest per manager with something open, ranked worst first then oldest, ten in full and the rest counted, only their line', async () => {
    await flushRedis(system);
    await jumpTo(new Date(DIGEST.getTime() - 60_000));
    await engineHasPassed(system, clock.now());
    expect(digests()).toEqual([]);
    await jumpTo(DIGEST);
    await waitFor('three digests', async () => digests().length, (n) => n >= 3, { timeoutMs: 30_000 });
    await engineIdle(system, clock, 'the digests');
    expect(digests().map((m) => m.to[0]).sort()).toEqual([ORG.director, ORG.manager, MANAGER2].sort());
    expect(digestOf(MANAGER3)).toEqual([]);
    expect(digests().some((m) => [ORG.rep, ORG.rep2, REP3, REP4].includes(m.to[0]))).toBe(false);

    const mia = digestOf(ORG.manager)[0];
    expect(mia.subject).toBe('Risks for 2027-03-11: 3 open in your team');
    expect(listed(mia.text)).toEqual(['BETA:3', 'GAMMA:2', 'ALPHA:1']);
    expect(mia.text).not.toContain('more open alerts');

    const max = digestOf(MANAGER2)[0];
    expect(max.subject).toBe('Risks for 2027-03-11: 12 open in your team');
    const maxList = listed(max.text);
    expect(maxList).toHaveLength(10);
    expect(maxList.slice(0, 6).every((line) => line.endsWith(':2'))).toBe(true);
    // Same severity: the alerts open for ten days come before today's.
    expect(maxList.slice(6, 9).map((line) => line.split(':')[0]).sort()).toEqual(['W07', 'W08', 'W09']);
    expect(max.text).toContain('And 2 more open alerts, not listed');
    expect(max.text).not.toContain('Customer ALPHA');

    const dana = digestOf(ORG.director)[0];
    expect(dana.subject).toBe('Risks for 2027-03-11: 15 open in your team');
    expect(listed(dana.text)[0]).toBe('BETA:3');
    expect(dana.text).toContain('And 5 more open alerts');
  });

  it('guarantee: each digest exactly once, even when its batch job runs again', async () => {
    const fired = await system.prisma.timer.findMany({ where: { kind: 'risk.digest', firedAt: { not: null } } });
    expect(await system.app.get(RiskDigestService).fire(fired.map((t) => t.id), null)).toBe('done');
    await engineIdle(system, clock, 'the batch again');
    const counts = countByKey(system.smtp, (mail) => keyOf(mail).startsWith('risk-digest:'));
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect(await system.prisma.notification.count({ where: { kind: 'risk-digest' } })).toBe(3);
  });

  it('guarantee: the acknowledge link acts once as the manager (GET changes nothing, a second POST is 410); the snooze link snoozes for 7 days', async () => {
    const mia = digestOf(ORG.manager)[0];
    const links = [...mia.text.matchAll(/\/risk-links\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(links).toHaveLength(6);
    const [gammaAck, gammaSnooze] = links.slice(2, 4);
    const page = await system.http.get(`/risk-links/${gammaAck}`).expect(200);
    expect(page.text).toContain('Acknowledge a risk alert');
    const alerts = async () => (await system.as(ORG.admin).get('/risk-alerts?type=customer_demand').expect(200)).body.items as { id: string; customer: { code: string }; status: string; acknowledgedBy: { email: string } | null; snoozedUntil: string | null }[];
    expect((await alerts()).find((a) => a.customer.code === 'GAMMA')!.status).toBe('open');
    const acknowledged = await system.http.post(`/risk-links/${gammaAck}`).send({}).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: { email: ORG.manager } });
    await system.http.post(`/risk-links/${gammaAck}`).send({}).expect(410);
    await system.http.get('/risk-links/not-a-token-at-all-not-a-token-at-all-xxxxx').expect(404);
    // A link is a signed grant: one with its alert, action or date altered is no link at all.
    const altered = `${gammaSnooze.slice(0, 10)}${gammaSnooze[10] === 'A' ? 'B' : 'A'}${gammaSnooze.slice(11)}`;
    await system.http.get(`/risk-links/${altered}`).expect(404);
    await system.http.post(`/risk-links/${altered}`).send({}).expect(404);

    const alphaSnooze = links[5];
    const snoozed = await system.http.post(`/risk-links/${alphaSnooze}`).send({}).expect(200);
    expect(snoozed.body.status).toBe('snoozed');
    expect(snoozed.body.snoozedUntil).toBe(new Date(clock.now().getTime() + 7 * DAY).toISOString());
    // The links used are spent; GAMMA's snooze link is untouched and still works.
    expect(await system.prisma.riskLinkUse.count()).toBe(2);
    await system.http.get(`/risk-links/${gammaSnooze}`).expect(200);
  });

  it('guarantee: the same link posted twice at once acts once: one 200, one 410, one use and one acknowledgement recorded', async () => {
    const [maxAck] = [...digestOf(MANAGER2)[0].text.matchAll(/\/risk-links\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    const uses = await system.prisma.riskLinkUse.count();
    const answers = await Promise.all([0, 1].map(() => system.http.post(`/risk-links/${maxAck}`).send({})));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 410]);
    const alertId = answers.find((r) => r.status === 200)!.body.id as string;
    expect(await system.prisma.riskLinkUse.count()).toBe(uses + 1);
    expect(await system.prisma.auditEntry.count({ where: { entityType: 'risk-alert', entityId: alertId, action: 'risk-alert.acknowledged' } })).toBe(1);
  });

  it('guarantee: the next working day\u2019s digest lists only what is still open (acknowledged and snoozed alerts drop out)', async () => {
    clock.set(new Date('2027-03-12T06:00:30+08:00'));
    await engineIdle(system, clock, 'Friday\u2019s scan');
    await jumpTo(new Date('2027-03-12T08:00:00+08:00'));
    await waitFor('Friday\u2019s digests', async () => digests().length, (n) => n >= 6, { timeoutMs: 30_000 });
    await engineIdle(system, clock, 'Friday\u2019s digests');
    const friday = digests().filter((m) => keyOf(m).endsWith(':2027-03-12') && m.to[0] === ORG.manager);
    expect(friday).toHaveLength(1);
    expect(listed(friday[0].text)).toEqual(['BETA:3']);
  });

  it('guarantee: a customer given to another owner takes its open alert into the new owner\u2019s line at once (the digest reads alerts by their customer\u2019s owner)', async () => {
    const beta = await system.prisma.customer.findUniqueOrThrow({ where: { code: 'BETA' } });
    const alert = await system.prisma.riskAlert.findFirstOrThrow({ where: { type: 'customer_demand', subjectId: beta.id } });
    expect(alert.customerOwnerId).toBe(id[ORG.rep2]);
    await system.as(ORG.admin).patch(`/customers/${beta.id}`).send({ version: beta.version, ownerEmail: REP4 }).expect(200);
    // Moved in the owner change's transaction, not at the next scan.
    expect((await system.prisma.riskAlert.findUniqueOrThrow({ where: { id: alert.id } })).customerOwnerId).toBe(id[REP4]);

    // Monday: the scan arms Meg's digest (her line now has BETA open); Mia's line has nothing open any more.
    clock.set(new Date('2027-03-15T06:00:30+08:00'));
    await engineIdle(system, clock, 'Monday\u2019s scan');
    await jumpTo(new Date('2027-03-15T08:00:00+08:00'));
    await waitFor('Meg\u2019s Monday digest', async () => digestOf(MANAGER3).length, (n) => n >= 1, { timeoutMs: 30_000 });
    await engineIdle(system, clock, 'Monday\u2019s digests');
    const monday = (email: string) => digestOf(email).filter((m) => keyOf(m).endsWith(':2027-03-15'));
    expect(listed(monday(MANAGER3)[0].text)).toEqual(['BETA:3']);
    expect(monday(ORG.manager)).toEqual([]);
  });

  it('guarantee: a digest link expires 7 days after its digest (410), used or not', async () => {
    const links = [...digestOf(ORG.manager)[0].text.matchAll(/\/risk-links\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    const gammaSnooze = links[3];
    clock.set(new Date(DIGEST.getTime() + 7 * DAY - 60_000));
    await system.http.get(`/risk-links/${gammaSnooze}`).expect(200);
    clock.set(new Date(DIGEST.getTime() + 7 * DAY + 60_000));
    await system.http.get(`/risk-links/${gammaSnooze}`).expect(410);
    await system.http.post(`/risk-links/${gammaSnooze}`).send({}).expect(410);
    expect(await system.prisma.riskLinkUse.count()).toBe(3);
  });
});
