import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { TimerSweeper } from '#libs/workflow';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { ALWAYS, countByKey, idempotencyKeyOf, KIND, kindOf, putPolicy } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * SPEC principle 4 / DESIGN invariant 4: each scheduled occurrence fires once, whatever the number
 * of replicas. Two replicas of every service (sweeper, relay, reconciler, workers) run on one
 * database, one set of queues and one NATS queue group.
 *
 * The clock is a ManualClock shared by both replicas: every contract is submitted at the same
 * instant, so moving the clock makes all their SLA timers due at once (as after downtime).
 */
const CONTRACTS = 20;
const POLICY = {
  reminderAt: 0.5,
  stages: [{ name: 'manager', when: 'discountPct > 5', approvers: ['manager'], mode: 'all', sla: 'PT1S' }],
};

describe('two replicas on one database', () => {
  let replica: INestApplication;
  const clock = new ManualClock(new Date());
  const system = useTestSystem({
    clock,
    async setUp() {
      replica = await system.startReplica();
      await seedOrg(system, { calendar: ALWAYS });
      await putPolicy(system, POLICY);
    },
  });

  it(`guarantee: ${CONTRACTS} contracts whose SLA timers all fall due at once -> each reminder, escalation and ladder-top email exactly once (per idempotency key, in the SMTP sink and in the ledger); reminders go to the approver only`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CONTRACTS; i += 1) {
      const response = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: `Replica race ${i}`, discountPct: 8 }).expect(201);
      ids.push(response.body.id);
    }
    const steps = await system.prisma.approvalStep.findMany({ where: { contractId: { in: ids } } });
    expect(steps).toHaveLength(CONTRACTS);
    const stepIds = steps.map((s) => s.id);
    await waitFor('the approval requests to be sent', () => system.prisma.notification.count({ where: { kind: KIND.request, status: 'sent' } }), (n) => n === CONTRACTS);

    // Reminder (0.5 s) and level-1 escalation (1 s) of all 20 steps are due together; the level-2
    // escalation they arm (2 s) is due already too: the director has no manager, so ADMIN is told.
    clock.advance(2500);
    // The ladder for each: reminder (0.5 s), director (1 s), top -> ADMIN (2 s); then it stops.
    await waitFor(
      'every step to reach the top of its ladder',
      () => system.prisma.approvalStep.count({ where: { id: { in: stepIds }, topReachedAt: { not: null } } }),
      (n) => n === CONTRACTS,
      { timeoutMs: 30_000 },
    );
    await waitFor(
      'every email of these contracts to be sent',
      () => system.prisma.notification.findMany({ where: { OR: [...ids, ...stepIds].map((id) => ({ idempotencyKey: { contains: id } })) } }),
      (rows) => rows.length >= 4 * CONTRACTS && rows.every((row) => row.status === 'sent'),
      { timeoutMs: 30_000 },
    );
    await waitFor('every outbox row to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (n) => n === 0);

    // Each timer fired once: one outbox row per timer, none left unfired.
    const timers = await system.prisma.timer.findMany({ where: { subjectId: { in: stepIds } } });
    expect(timers).toHaveLength(3 * CONTRACTS); // reminder + escalate:1 + escalate:2 (the top)
    expect(timers.every((t) => t.firedAt !== null)).toBe(true);
    const perTimer = await system.prisma.$queryRaw<{ timerId: string; n: bigint }[]>`
      SELECT payload->>'timerId' AS "timerId", count(*) AS n FROM "Outbox"
      WHERE payload->>'timerId' = ANY(${timers.map((t) => t.id)}) GROUP BY 1`;
    expect(perTimer).toHaveLength(timers.length);
    expect(perTimer.filter((row) => Number(row.n) !== 1)).toEqual([]);

    // The mail: exactly one email per idempotency key, and exactly the ledger's keys.
    const rows = await system.prisma.notification.findMany({ where: { OR: [...ids, ...stepIds].map((id) => ({ idempotencyKey: { contains: id } })) } });
    const ours = (mail: Parameters<typeof idempotencyKeyOf>[0]) => ids.some((id) => mail.subject.includes(id));
    const counts = countByKey(system.smtp, ours);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(new Set(counts.keys())).toEqual(new Set(rows.map((r) => r.idempotencyKey)));
    expect(await system.prisma.deadLetter.count()).toBe(0);

    // The ledger: one request, escalation and ladder-top per step, and one reminder per step, for
    // the approver only (SPEC: "at reminderAt of it the approver gets a reminder"), even when the
    // reminder job runs after the escalation job of the same step.
    const byKind = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect({ request: byKind(KIND.request), escalation: byKind(KIND.escalation), ladderTop: byKind(KIND.ladderTop) })
      .toEqual({ request: CONTRACTS, escalation: CONTRACTS, ladderTop: CONTRACTS });
    expect(rows.filter((r) => r.kind === KIND.reminder).map((r) => r.recipientEmail)).toEqual(Array(CONTRACTS).fill(ORG.manager));
    expect(system.smtp.received.filter((mail) => ours(mail) && kindOf(mail) === KIND.reminder).map((mail) => mail.to)).toEqual(Array(CONTRACTS).fill([ORG.manager]));

    // Nothing approved by timeout, on either replica.
    expect(await system.prisma.contract.count({ where: { id: { in: ids }, status: 'PENDING_APPROVAL' } })).toBe(CONTRACTS);
  });

  it('guarantee: TimerSweeper.sweep() called concurrently from both replicas (while their own intervals also sweep) turns each due timer into exactly one outbox row', async () => {
    const sweepers = [system.app.get(TimerSweeper), replica.get(TimerSweeper)];
    expect(sweepers[0]).not.toBe(sweepers[1]);
    const count = 700; // more than one sweeper batch (500), so the loops overlap
    const ids = Array.from({ length: count }, () => randomUUID());
    const dueAt = new Date(clock.now().getTime() - 1000);
    // Reminders for steps that do not exist: their handler skips them, so only the firing is observed.
    await system.prisma.timer.createMany({
      data: ids.map((id) => ({ id, kind: 'approval.remind', queue: 'approval-urgent', subjectId: randomUUID(), dueAt, uniqueKey: `replica-sweep:${id}` })),
    });

    const fired = await Promise.all([sweepers[0].sweep(), sweepers[1].sweep(), sweepers[0].sweep(), sweepers[1].sweep()]);
    expect(fired.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(count);

    await waitFor('every inserted timer to have fired', () => system.prisma.timer.count({ where: { id: { in: ids }, firedAt: null } }), (n) => n === 0);
    const perTimer = await system.prisma.$queryRaw<{ timerId: string; n: bigint }[]>`
      SELECT payload->>'timerId' AS "timerId", count(*) AS n FROM "Outbox" WHERE payload->>'timerId' = ANY(${ids}) GROUP BY 1`;
    expect(perTimer).toHaveLength(count);
    expect(perTimer.filter((row) => Number(row.n) !== 1)).toEqual([]);

    // And each of those jobs ran to one final outcome.
    await waitFor(
      'every job of those timers to be done',
      () => system.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Outbox" WHERE payload->>'timerId' = ANY(${ids}) AND "doneAt" IS NOT NULL AND outcome = 'skipped'`,
      (rows) => Number(rows[0].n) === count,
      { timeoutMs: 30_000 },
    );
  });

  it('guarantee: a burst of concurrent submissions, spread over both replicas by the NATS queue group, all succeed (201) and each creates exactly one contract', async () => {
    const burst = 50;
    // supertest otherwise starts an ephemeral listen() per request on the same server object.
    await system.app.listen(0, '127.0.0.1');
    const before = await system.prisma.contract.count();
    const responses = await Promise.all(
      Array.from({ length: burst }, (_, i) => system.as(ORG.rep2).post('/contracts').send({ ...SMALL_CONTRACT, title: `Burst ${i}`, discountPct: 8 })),
    );
    const failures = responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    expect(failures).toEqual([]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(burst);
    expect((await system.prisma.contract.count()) - before).toBe(burst);
  });
});
