import type { INestApplication } from '@nestjs/common';
import type { Customer } from '#generated/prisma';
import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { countByKey, engineHasPassed, flushRedis, sweepWithReplicas } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';
import { engineIdle } from './engine-idle.js';
import { employeeId, keyOf, mailsWithKey } from './revisit-test-helpers.js';

/**
 * Issue 13 item 4: every risk alert's handbook countermeasures become tasks with an owner and a
 * due date in the owner's working time, each with a reminder (to the owner) and an escalation (to
 * the owner's manager) that fire once each while two replicas sweep the same timers and Redis is
 * emptied between them. The customer-demand tasks book a satisfaction survey at once (the survey
 * cap respected) and a visit, through the follow-up services. GET /risk-tasks shows a specialist
 * only their own tasks, a manager their line's; done and reassign check who may.
 *
 * One timeline on a ManualClock; each test continues where the previous one stopped.
 */
const T0 = new Date('2027-03-10T02:00:00Z'); // Wednesday 10:00 in Shanghai
const DAY = 24 * 3600_000;
const daysBefore = (days: number) => new Date(T0.getTime() - days * DAY);
const SCAN = new Date('2027-03-11T06:00:30+08:00'); // Thursday's daily scan, before working hours

interface TaskBody {
  id: string;
  alert: { id: string; type: string; rule: string };
  kind: string;
  owner: { email: string };
  dueAt: string;
  status: 'OPEN' | 'DONE';
  note: string | null;
  doneBy: { email: string } | null;
}

describe('risk countermeasures as tasks, with reminders and escalations once each (two replicas, Redis flush)', () => {
  let replica: INestApplication;
  const clock = new ManualClock(T0);
  const id: Record<string, string> = {};
  const customers: Record<string, Customer> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      replica = await system.startReplica();
      await seedOrg(system);
      for (const email of [ORG.rep, ORG.rep2, ORG.manager, ORG.director]) id[email] = await employeeId(system, email);
      // ALPHA (Ray's): tier A, no approved contract for 100 days (no_recent_contract), a contact to survey.
      customers.ALPHA = await customer('ALPHA', ORG.rep);
      await approvedContract(customers.ALPHA, daysBefore(100));
      await doneVisit(customers.ALPHA, daysBefore(3));
      // BETA (Rita's): tier A, no approved contract for 120 days, surveyed 10 days ago: the 30-day cap holds the new survey back.
      customers.BETA = await customer('BETA', ORG.rep2);
      await approvedContract(customers.BETA, daysBefore(120));
      await doneVisit(customers.BETA, daysBefore(3));
      await system.prisma.survey.create({
        data: { customerId: customers.BETA.id, contactEmail: 'buyer@beta.example', reason: 'contract', sourceId: customers.BETA.id, tokenHash: 'beta-old', expiresAt: T0, createdAt: daysBefore(10) },
      });
      await engineIdle(system, clock, 'the setup');
    },
  });

  async function customer(code: string, owner: string): Promise<Customer> {
    return system.prisma.customer.create({
      data: {
        code, name: `Customer ${code}`, ownerId: id[owner], tier: 'A', status: 'active', region: 'Shanghai',
        contacts: [{ name: `Buyer ${code}`, email: `buyer@${code.toLowerCase()}.example`, locale: 'en' }], createdAt: daysBefore(400),
      },
    });
  }

  async function approvedContract(c: Customer, decidedAt: Date) {
    await system.prisma.contract.create({
      data: {
        ownerId: c.ownerId, customerId: c.id, customerName: c.name, title: `Order of ${c.code}`, amount: 500_000, currency: 'CNY', amountBase: 500_000,
        discountPct: 0, paymentTermDays: 30, status: 'APPROVED', policyVersion: 1, decidedAt, createdAt: decidedAt,
      },
    });
  }

  async function doneVisit(c: Customer, completedAt: Date) {
    await system.prisma.visit.create({ data: { customerId: c.id, ownerId: c.ownerId, kind: 'regular', dueAt: completedAt, status: 'done', completedAt, createdAt: completedAt } });
  }

  async function tasksAs(email: string, query = ''): Promise<TaskBody[]> {
    return (await system.as(email).get(`/risk-tasks?limit=200${query}`).expect(200)).body.items as TaskBody[];
  }

  const taskOf = (tasks: TaskBody[], owner: string, kind: string) => tasks.find((t) => t.owner.email === owner && t.kind === kind)!;
  const taskMails = (action: string) => mailsWithKey(system, 'risk-task:').filter((m) => keyOf(m).split(':')[2] === action);

  const jumpTo = (at: Date) => sweepWithReplicas(system, replica, clock, at);

  it('guarantee: each alert gets the handbook\u2019s three countermeasures as tasks of the customer\u2019s owner, due in their working time, with a reminder and an escalation each', async () => {
    clock.set(SCAN);
    await engineIdle(system, clock, 'the daily scan');
    const tasks = await tasksAs(ORG.admin);
    expect(tasks.map((t) => `${t.owner.email}:${t.kind}`).sort()).toEqual([
      `${ORG.rep}:offer_review`, `${ORG.rep}:satisfaction_survey`, `${ORG.rep}:visit`,
      `${ORG.rep2}:offer_review`, `${ORG.rep2}:satisfaction_survey`, `${ORG.rep2}:visit`,
    ].sort());
    expect(tasks.every((t) => t.alert.type === 'customer_demand' && t.alert.rule === 'no_recent_contract')).toBe(true);
    // Scanned Thursday 06:00 in Shanghai: one working day from Thursday 09:00 is Friday 09:00, five is the next Thursday 09:00.
    expect(taskOf(tasks, ORG.rep, 'satisfaction_survey').dueAt).toBe('2027-03-12T01:00:00.000Z');
    expect(taskOf(tasks, ORG.rep, 'offer_review').dueAt).toBe('2027-03-18T01:00:00.000Z');
    // Two timers per task, armed once however many replicas ran the scan.
    const timers = await system.prisma.timer.findMany({ where: { kind: 'risk-task.deadline' } });
    expect(timers).toHaveLength(6 * 2);
    const offer = taskOf(tasks, ORG.rep, 'offer_review');
    const mine = timers.filter((t) => t.subjectId === offer.id);
    expect(mine.map((t) => t.queue)).toEqual(['followup-urgent', 'followup-urgent']);
    const escalate = mine.find((t) => t.uniqueKey.endsWith(':escalate'))!;
    const remind = mine.find((t) => t.uniqueKey.endsWith(':remind'))!;
    expect(escalate.dueAt.toISOString()).toBe(offer.dueAt);
    expect(remind.dueAt.getTime()).toBeGreaterThan(SCAN.getTime());
    expect(remind.dueAt.getTime()).toBeLessThan(escalate.dueAt.getTime());
    // The alert's view lists its tasks too.
    const alerts = (await system.as(ORG.admin).get('/risk-alerts?type=customer_demand').expect(200)).body.items as { id: string; tasks: { kind: string }[] }[];
    expect(alerts.every((a) => a.tasks.map((t) => t.kind).sort().join() === 'offer_review,satisfaction_survey,visit')).toBe(true);
  });

  it('guarantee: the survey is sent at once through the survey service (its task done), unless the cap holds it back (the task stays open and says why); the visit is booked through the revisit planner', async () => {
    const tasks = await tasksAs(ORG.admin);
    const sent = taskOf(tasks, ORG.rep, 'satisfaction_survey');
    expect(sent).toMatchObject({ status: 'DONE', doneBy: null });
    const survey = await system.prisma.survey.findFirstOrThrow({ where: { customerId: customers.ALPHA.id, reason: 'risk' } });
    expect(survey.sourceId).toBe(sent.id);
    expect(sent.note).toBe(`Survey ${survey.id} sent.`);
    expect(system.smtp.received.filter((m) => m.to[0] === 'buyer@alpha.example')).toHaveLength(1);
    const capped = taskOf(tasks, ORG.rep2, 'satisfaction_survey');
    expect(capped.status).toBe('OPEN');
    expect(capped.note).toContain('frequency-cap');
    expect(await system.prisma.survey.count({ where: { customerId: customers.BETA.id, reason: 'risk' } })).toBe(0);
    for (const [owner, c] of [[ORG.rep, customers.ALPHA], [ORG.rep2, customers.BETA]] as const) {
      const task = taskOf(tasks, owner, 'visit');
      const visit = await system.prisma.visit.findFirstOrThrow({ where: { customerId: c.id, kind: 'risk_countermeasure' } });
      expect(visit).toMatchObject({ sourceId: task.id, ownerId: id[owner], status: 'planned' });
      expect(visit.dueAt.toISOString()).toBe(task.dueAt);
      expect(task.note).toBe(`Visits booked: ${visit.id}.`);
      // The planner armed the visit's overdue escalation, as for every planned visit.
      expect(await system.prisma.timer.count({ where: { subjectId: visit.id, kind: 'visit.escalate-overdue' } })).toBe(1);
    }
  });

  it('guarantee: a specialist lists only their own tasks and may not ask for a colleague\u2019s; a manager lists their line\u2019s; bad input is a 400 naming the field', async () => {
    expect((await tasksAs(ORG.rep)).every((t) => t.owner.email === ORG.rep)).toBe(true);
    expect(await tasksAs(ORG.rep)).toHaveLength(3);
    const refused = await system.as(ORG.rep).get(`/risk-tasks?owner=${id[ORG.rep2]}`).expect(403);
    expect(JSON.stringify(refused.body)).not.toContain(ORG.rep2);
    expect(await tasksAs(ORG.manager)).toHaveLength(6);
    expect((await tasksAs(ORG.manager, `&owner=${encodeURIComponent(ORG.rep2)}&status=OPEN`)).map((t) => t.kind).sort()).toEqual(['offer_review', 'satisfaction_survey', 'visit']);
    const bad = await system.as(ORG.manager).get('/risk-tasks?status=LATER').expect(400);
    expect(JSON.stringify(bad.body)).toContain('status');
  });

  it('guarantee: done needs a note (400), the owner or someone above (403 for a colleague), and happens once (409); it cancels the task\u2019s reminder and escalation', async () => {
    const offer = taskOf(await tasksAs(ORG.rep), ORG.rep, 'offer_review');
    const noNote = await system.as(ORG.rep).post(`/risk-tasks/${offer.id}/done`).send({}).expect(400);
    expect(JSON.stringify(noNote.body)).toContain('note');
    await system.as(ORG.rep2).post(`/risk-tasks/${offer.id}/done`).send({ note: 'not mine' }).expect(403);
    expect((await system.prisma.riskTask.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe('OPEN');
    const done = (await system.as(ORG.rep).post(`/risk-tasks/${offer.id}/done`).send({ note: 'New price list agreed.' }).expect(200)).body as TaskBody;
    expect(done).toMatchObject({ status: 'DONE', note: 'New price list agreed.', doneBy: { email: ORG.rep } });
    await system.as(ORG.rep).post(`/risk-tasks/${offer.id}/done`).send({ note: 'again' }).expect(409);
    const timers = await system.prisma.timer.findMany({ where: { subjectId: offer.id } });
    expect(timers.every((t) => t.cancelledAt !== null)).toBe(true);
  });

  it('guarantee: reassigning is for those above the owner, within their own line; the specialist may not (403), bad ids are 400', async () => {
    const visit = taskOf(await tasksAs(ORG.rep2), ORG.rep2, 'visit');
    await system.as(ORG.rep2).post(`/risk-tasks/${visit.id}/reassign`).send({ ownerId: id[ORG.rep] }).expect(403);
    const bad = await system.as(ORG.manager).post(`/risk-tasks/${visit.id}/reassign`).send({ ownerId: 'someone' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('ownerId');
    await system.as(ORG.manager).post(`/risk-tasks/${visit.id}/reassign`).send({ ownerId: id[ORG.director] }).expect(403);
    const moved = (await system.as(ORG.manager).post(`/risk-tasks/${visit.id}/reassign`).send({ ownerId: id[ORG.rep] }).expect(200)).body as TaskBody;
    expect(moved.owner.email).toBe(ORG.rep);
    expect((await tasksAs(ORG.rep2)).map((t) => t.kind).sort()).toEqual(['offer_review', 'satisfaction_survey']);
  });

  it('guarantee: each open task\u2019s reminder reaches its (current) owner and its escalation the owner\u2019s manager, at their moments and not before; Redis emptied half-way; none for tasks done', async () => {
    const open = await tasksAs(ORG.admin, '&status=OPEN');
    const timers = await system.prisma.timer.findMany({ where: { kind: 'risk-task.deadline', cancelledAt: null } });
    expect(timers.map((t) => t.subjectId).sort()).toEqual(open.flatMap((t) => [t.id, t.id]).sort());
    const moments = [...new Set(timers.map((t) => t.dueAt.getTime()))].sort((a, b) => a - b);
    const sentFor = () => mailsWithKey(system, 'risk-task:').length;
    for (const [i, moment] of moments.entries()) {
      if (i === Math.floor(moments.length / 2)) await flushRedis(system);
      const before = timers.filter((t) => t.dueAt.getTime() < moment).length;
      await jumpTo(new Date(moment - 60_000));
      await engineHasPassed(system, clock.now());
      expect(sentFor()).toBe(before);
      const due = timers.filter((t) => t.dueAt.getTime() <= moment).length;
      await jumpTo(new Date(moment));
      await waitFor(`the task emails due at ${new Date(moment).toISOString()}`, async () => sentFor(), (n) => n >= due, { timeoutMs: 30_000 });
    }
    await engineHasPassed(system, clock.now());
    for (const task of open) {
      const mine = mailsWithKey(system, `risk-task:${task.id}:`);
      expect(mine.map((m) => `${keyOf(m).split(':')[2]}>${m.to.join()}`).sort()).toEqual([`escalate>${ORG.manager}`, `remind>${task.owner.email}`]);
    }
    // The reassigned visit task reminds its new owner; the subjects and the escalation name the task and its owner.
    expect(taskMails('remind').find((m) => m.to[0] === ORG.rep && m.subject === 'Reminder: Visit the customer')).toBeDefined();
    const escalation = taskMails('escalate').find((m) => m.subject === 'Overdue: Visit the customer' && m.text.includes('Customer ALPHA'))!;
    expect(escalation.text).toContain('Ray Rep has not done the task');
  });

  it('guarantee: each reminder and escalation email exactly once, each timer fired into one job', async () => {
    await waitFor('every outbox row to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (n) => n === 0, { timeoutMs: 30_000 });
    const counts = countByKey(system.smtp, (mail) => keyOf(mail).startsWith('risk-task:'));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const open = await system.prisma.riskTask.count({ where: { status: 'OPEN' } });
    expect(open).toBe(4);
    expect(counts.size).toBe(open * 2);
    const perTimer = await system.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Outbox" o JOIN "Timer" t ON t.id::text = o.payload->>'timerId' WHERE t.kind = 'risk-task.deadline' GROUP BY t.id`;
    expect(perTimer.every((row) => Number(row.n) === 1)).toBe(true);
    expect(perTimer).toHaveLength(open * 2);
  });

  it('guarantee: an alert whose rule stops holding is cleared at the next scan and resolved once it stayed recovered for the policy\u2019s period, recording whether its tasks were done; the others stay open', async () => {
    await system.as(ORG.admin).patch('/follow-up-policy').send({ risk: { recoveryDays: 3 } }).expect(200);
    await approvedContract(customers.ALPHA, clock.now()); // ALPHA signs: no_recent_contract no longer holds
    const alertAbout = async (code: string) => {
      const alerts = (await system.as(ORG.admin).get('/risk-alerts?type=customer_demand').expect(200)).body.items as { customer: { code: string }; severity: number; clearedAt: string | null; resolvedAt: string | null; tasksDone: boolean | null }[];
      return alerts.find((a) => a.customer.code === code)!;
    };
    const scanAt = (date: string) => new Date(`${date}T06:00:30+08:00`);
    clock.set(scanAt('2027-03-19'));
    await engineIdle(system, clock, 'the scan after ALPHA signed');
    expect(await alertAbout('ALPHA')).toMatchObject({ severity: 0, clearedAt: scanAt('2027-03-19').toISOString(), resolvedAt: null });
    for (const date of ['2027-03-20', '2027-03-21']) {
      clock.set(scanAt(date));
      await engineIdle(system, clock, `the scan of ${date}`);
    }
    expect((await alertAbout('ALPHA')).resolvedAt).toBeNull(); // two days recovered: not yet
    clock.set(scanAt('2027-03-22'));
    await engineIdle(system, clock, 'the scan three days after the recovery');
    // ALPHA's visit task is still open: resolved with its tasks not all done.
    expect(await alertAbout('ALPHA')).toMatchObject({ severity: 0, resolvedAt: scanAt('2027-03-22').toISOString(), tasksDone: false });
    expect(await alertAbout('BETA')).toMatchObject({ resolvedAt: null, tasksDone: null });
    expect((await alertAbout('BETA')).severity).toBeGreaterThan(0);
    expect(await system.prisma.auditEntry.count({ where: { action: 'risk-alert.resolved' } })).toBe(1);
    // A later scan resolves nothing twice.
    clock.set(scanAt('2027-03-23'));
    await engineIdle(system, clock, 'the next scan');
    expect(await system.prisma.auditEntry.count({ where: { action: 'risk-alert.resolved' } })).toBe(1);
  });
});
