import { Redis } from 'ioredis';
import { deleteRedisPrefix, waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { DEFAULT_ENGINE_TIMINGS } from '#libs/workflow';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { about, ALWAYS, countByKey, idempotencyKeyOf, KIND, ledger, putPolicy } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * SPEC principle 1 / DESIGN invariant 1 / issue 2 item 7: Postgres is the system of record, Redis
 * is transport. Emptying Redis in the middle of a chain, even while an email waits for its retry,
 * loses no reminder, escalation or email and sends none twice; the running system notices within
 * 30 seconds, without a restart, and rebuilds the queues from the rows.
 *
 * All test files share one Redis, so instead of FLUSHDB this deletes every key under this
 * system's QUEUE_PREFIX (queues, jobs, the reconciler's sentinel): the same loss, for this
 * instance only. The clock is a ManualClock, so the SLA reminder fires exactly when the test
 * moves time (after the flush), and the reconciler runs at its production interval, so the
 * 30-second bound is measured against production timings.
 */
const SLA_MS = 3600_000; // PT1H: reminder at 30 min, escalation at 1 h (never reached here)
const RECOVERY_BOUND_MS = 30_000;
const POLICY = {
  reminderAt: 0.5,
  stages: [
    { name: 'manager', when: 'discountPct > 5', approvers: ['manager'], mode: 'all', sla: 'PT1H' },
    { name: 'director', when: 'discountPct > 5', approvers: ['director'], mode: 'all', sla: 'PT1H' },
  ],
};

describe('Redis emptied mid-chain', () => {
  const clock = new ManualClock(new Date());
  const system = useTestSystem({
    clock, engine: { reconcileMs: DEFAULT_ENGINE_TIMINGS.reconcileMs },
    async setUp() {
      await seedOrg(system, { calendar: ALWAYS });
      await putPolicy(system, POLICY);
    },
  });

  it('guarantee: nothing lost, nothing doubled, recovery within 30 s without a restart (an email waiting for its retry, an armed SLA reminder, a pending stage)', async () => {
    const { smtp, prisma, config } = system;
    // The manager's mailbox answers 451 for now: the approval request will wait for its retry.
    smtp.respondWith(({ to }) => (to.includes(ORG.manager) ? { code: 451, message: '4.3.0 Mailbox busy, try again later' } : undefined));

    const submitted = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'Survives a Redis flush', discountPct: 8 }).expect(201);
    const id: string = submitted.body.id;
    expect(submitted.body.route.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([['manager', 'PENDING'], ['director', 'WAITING']]);

    // Mid-chain: the request is in `retrying` (SMTP said 451), the reminder timer is armed and unfired.
    const requestKeyPrefix = `approval-request:${id}:1:manager:`;
    const retrying = await waitFor(
      'the approval request to be retrying after a 451',
      async () => (await ledger(system, { recipient: ORG.manager, kind: KIND.request })).find((row) => row.idempotencyKey.startsWith(requestKeyPrefix)),
      (row) => row?.status === 'retrying' && row.attempts >= 1,
    );
    expect(retrying!.lastError).toContain('451');
    const step = await prisma.approvalStep.findFirstOrThrow({ where: { contractId: id, ref: 'manager' } });
    const reminderTimer = await prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `approval-reminder:${step.id}` } });
    expect(reminderTimer.firedAt).toBeNull();
    expect(reminderTimer.dueAt.getTime()).toBe(clock.now().getTime() + SLA_MS / 2);

    // Redis loses everything of this instance.
    await deleteRedisPrefix(config.REDIS_URL, config.QUEUE_PREFIX);
    const flushedAt = Date.now();
    const redis = new Redis(config.REDIS_URL);
    try {
      expect(await redis.keys(`${config.QUEUE_PREFIX}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    smtp.acceptAll();

    // The running system notices and re-publishes from the rows: the waiting email arrives.
    const request = await smtp.waitForEmail(
      'the approval request, re-published after the flush',
      (mail) => mail.to.includes(ORG.manager) && about(mail, id, KIND.request),
      RECOVERY_BOUND_MS + 5_000,
    );
    const recoveredInMs = Date.now() - flushedAt;
    expect(recoveredInMs).toBeLessThan(RECOVERY_BOUND_MS);
    expect(idempotencyKeyOf(request).startsWith(requestKeyPrefix)).toBe(true);

    // The SLA reminder still fires, once, when its due time comes.
    clock.advance(SLA_MS / 2 + 1000);
    await smtp.waitForEmail('the SLA reminder', (mail) => mail.to.includes(ORG.manager) && about(mail, id, KIND.reminder));

    // The chain completes.
    await system.as(ORG.manager).post(`/contracts/${id}/decisions`).send({ decision: 'approve' }).expect(200);
    await smtp.waitForEmail('the director\u2019s request', (mail) => mail.to.includes(ORG.director) && about(mail, id, KIND.request));
    const done = await system.as(ORG.director).post(`/contracts/${id}/decisions`).send({ decision: 'approve' }).expect(200);
    expect(done.body.status).toBe('APPROVED');
    await smtp.waitForEmail('the outcome email', (mail) => mail.to.includes(ORG.rep) && about(mail, id, KIND.outcome));

    // Quiescence (bounded): every outbox row finished, every ledger row of this contract sent.
    await waitFor('every outbox row to be done', () => prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    const rows = (await ledger(system)).filter((row) => row.idempotencyKey.includes(id) || row.idempotencyKey.includes(step.id));
    expect(rows.map((row) => [row.kind, row.recipient.email, row.status]).sort()).toEqual([
      ['approval-outcome', ORG.rep, 'sent'],
      ['approval-reminder', ORG.manager, 'sent'],
      ['approval-request', ORG.director, 'sent'],
      ['approval-request', ORG.manager, 'sent'],
    ].sort());

    // Exactly once: per idempotency key, and per recipient + subject.
    const mails = smtp.received.filter((mail) => mail.subject.includes(id));
    expect([...countByKey(smtp, (mail) => mail.subject.includes(id)).entries()].sort()).toEqual(rows.map((row) => [row.idempotencyKey, 1]).sort());
    const perRecipientSubject = new Map<string, number>();
    for (const mail of mails) perRecipientSubject.set(`${mail.to.join(',')} ${mail.subject}`, (perRecipientSubject.get(`${mail.to.join(',')} ${mail.subject}`) ?? 0) + 1);
    expect([...perRecipientSubject.values()].every((count) => count === 1)).toBe(true);
    expect(mails).toHaveLength(4);

    // The reminder timer fired once (one outbox row), and no escalation was due.
    const reminderJobs = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Outbox" WHERE payload->>'timerId' = ${reminderTimer.id}`;
    expect(Number(reminderJobs[0].n)).toBe(1);
    expect(await prisma.deadLetter.count()).toBe(0);
  });

  it('guarantee: a job restored late runs to the same effect (DESIGN invariant 3): a reminder job put back after the step escalated sends nothing new, and never reminds the escalation manager', async () => {
    const { smtp, prisma } = system;
    const submitted = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'Late restored reminder', discountPct: 8 }).expect(201);
    const id: string = submitted.body.id;
    const step = await prisma.approvalStep.findFirstOrThrow({ where: { contractId: id, ref: 'manager' } });
    const reminderTimer = await prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `approval-reminder:${step.id}` } });

    clock.advance(SLA_MS / 2 + 1000);
    await smtp.waitForEmail('the SLA reminder', (mail) => mail.to.includes(ORG.manager) && about(mail, id, KIND.reminder));
    clock.advance(SLA_MS / 2);
    await smtp.waitForEmail('the escalation to the director', (mail) => mail.to.includes(ORG.director) && about(mail, id, KIND.escalation));

    // The reminder's job comes back (as the reconciler re-adds a job Redis lost, or a retry of a
    // run whose outcome was not recorded): an outbox row with the same payload.
    const restored = await prisma.outbox.create({
      data: { queue: 'approval-urgent', jobName: 'approval.remind', payload: { timerId: reminderTimer.id, subjectId: step.id } },
    });
    await waitFor('the restored reminder job to finish', () => prisma.outbox.findUniqueOrThrow({ where: { id: restored.id } }), (row) => row.doneAt !== null);
    await waitFor('every outbox row to be done', () => prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);

    const reminders = await prisma.notification.findMany({ where: { kind: KIND.reminder, idempotencyKey: { contains: step.id } } });
    expect(reminders.map((row) => row.recipientEmail)).toEqual([ORG.manager]);
    expect(smtp.received.filter((mail) => about(mail, id, KIND.reminder)).map((mail) => mail.to)).toEqual([[ORG.manager]]);
  });
});
