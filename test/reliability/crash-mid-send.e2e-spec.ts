import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { waitFor } from '#libs/testing';
import { jobIdForOutbox } from '#libs/queue';
import { ManualClock } from '#libs/time';
import { QueueRegistry } from '#libs/workflow';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { about, idempotencyKeyOf, KIND, ledger } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * SPEC principle 3 / DESIGN "notification": one email per idempotency key; the only exception is a
 * send interrupted after the SMTP server accepted it and before the ledger recorded it: that one is
 * resent with the same Message-ID and flagged `resentAfterInterrupt`. A live lease held by another
 * worker means "try later", never a parallel send.
 *
 * The interrupted send is REAL in the first test: a child process (test/support/crash-mid-send.child.ts)
 * claims the notification with the product's NotificationSender, the SMTP sink accepts the message,
 * and the child SIGKILLs itself before the ledger is updated. The system's clock is a ManualClock
 * (standing at the real time the test started), so the child's 60-second lease stays live for the
 * system until the test moves the clock past it.
 *
 * The second test SIMULATES the state such a crash leaves behind (status `sending`, an expired
 * lease, the email already delivered once) directly in the ledger.
 */
const LEASE_MS = 60_000;

describe('a worker killed mid-send', () => {
  const clock = new ManualClock(new Date());
  const system = useTestSystem({ clock, setUp: () => seedOrg(system) });

  /** A real, renderable email that nobody has been asked to send yet (a ledger row without an outbox row). */
  async function unsentCopyOfAnOutcomeEmail(title: string) {
    const response = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title }).expect(201);
    await system.smtp.waitForEmail('the outcome email', (mail) => mail.to.includes(ORG.rep) && about(mail, response.body.id, KIND.outcome));
    const original = await system.prisma.notification.findFirstOrThrow({ where: { kind: KIND.outcome, idempotencyKey: { contains: response.body.id } } });
    const id = randomUUID();
    return system.prisma.notification.create({
      data: {
        id, idempotencyKey: `crash-test:${id}`, recipientId: original.recipientId, recipientEmail: original.recipientEmail, kind: original.kind,
        locale: original.locale, data: original.data as object, status: 'queued', messageId: `<${id}@salesflow.local>`,
      },
    });
  }

  function mailsWithKey(key: string) {
    return system.smtp.received.filter((mail) => idempotencyKeyOf(mail) === key);
  }

  async function enqueueSend(notificationId: string): Promise<string> {
    const row = await system.prisma.outbox.create({ data: { queue: 'notifier-urgent', jobName: 'notification.send', payload: { notificationId } } });
    return row.id;
  }

  function runCrashingWorker(notificationId: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
    const { config } = system;
    const childConfig = {
      DATABASE_URL: config.DATABASE_URL, DATABASE_POOL_SIZE: '2', SMTP_URL: config.SMTP_URL, MAIL_FROM: String(config.MAIL_FROM),
      JWT_SECRET: config.JWT_SECRET, PUBLIC_BASE_URL: config.PUBLIC_BASE_URL, QUEUE_PREFIX: config.QUEUE_PREFIX, LOG_LEVEL: 'silent',
    };
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '-c', 'test/support/crash-child.jest.config.js', '--runInBand', '--ci'],
        { cwd: process.cwd(), env: { ...process.env, CRASH_CHILD_CONFIG: JSON.stringify(childConfig), CRASH_NOTIFICATION_ID: notificationId }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const deadline = setTimeout(() => child.kill('SIGTERM'), 90_000);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(deadline);
        resolve({ code, signal, output });
      });
    });
  }

  it('guarantee: a send killed after SMTP accepted it is resent once, with the same Message-ID, flagged resentAfterInterrupt; while the dead worker\u2019s lease is live, nobody sends in parallel', async () => {
    const row = await unsentCopyOfAnOutcomeEmail('Killed mid-send');

    const child = await runCrashingWorker(row.id);
    if (child.signal !== 'SIGKILL') throw new Error(`The crashing worker was not killed mid-send (code ${child.code}, signal ${child.signal}):\n${child.output.slice(-3000)}`);

    // SMTP has the message; the ledger does not know: the row is stuck in `sending` under the dead worker's lease.
    expect(mailsWithKey(row.idempotencyKey)).toHaveLength(1);
    const stuck = await system.prisma.notification.findUniqueOrThrow({ where: { id: row.id } });
    expect(stuck).toMatchObject({ status: 'sending', attempts: 1, sentAt: null, resentAfterInterrupt: false });
    expect(stuck.leaseUntil!.getTime()).toBeGreaterThan(clock.now().getTime());

    // A send job arrives while the lease is live: it must try later, not send in parallel.
    const outboxId = await enqueueSend(row.id);
    const queue = system.app.get(QueueRegistry).get('notifier-urgent');
    const held = await waitFor(
      'the send job to back off on the live lease',
      async () => queue.getJob(jobIdForOutbox(outboxId)),
      (job) => (job?.attemptsMade ?? 0) >= 1,
    );
    expect(held!.failedReason).toContain('another worker');
    expect(mailsWithKey(row.idempotencyKey)).toHaveLength(1);
    expect((await system.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sending');

    // The lease runs out: the next retry re-claims it and resends, with the same Message-ID.
    clock.set(new Date(stuck.leaseUntil!.getTime() + 1000));
    await waitFor('the interrupted email to be resent', () => mailsWithKey(row.idempotencyKey), (mails) => mails.length >= 2, { timeoutMs: 30_000 });
    const sent = await waitFor('the ledger row to be sent', async () => (await ledger(system, { recipient: ORG.rep })).find((r) => r.id === row.id), (r) => r?.status === 'sent');
    expect(sent).toMatchObject({ status: 'sent', resentAfterInterrupt: true, attempts: 2, messageId: row.messageId });
    const mails = mailsWithKey(row.idempotencyKey);
    expect(mails.map((mail) => mail.messageId)).toEqual([row.messageId, row.messageId]);

    // Counted, and only once: the job is done and no further copy follows.
    await waitFor('the send job to be done', () => system.prisma.outbox.findUniqueOrThrow({ where: { id: outboxId } }), (r) => r.doneAt !== null);
    await system.prisma.outbox.create({ data: { queue: 'notifier-urgent', jobName: 'notification.send', payload: { notificationId: row.id } } }).then((r) =>
      waitFor('a duplicate send job to finish', () => system.prisma.outbox.findUniqueOrThrow({ where: { id: r.id } }), (o) => o.doneAt !== null && o.outcome === 'skipped'),
    );
    expect(mailsWithKey(row.idempotencyKey)).toHaveLength(2);
  });

  it('guarantee (simulated crash state): a row left in `sending` with an expired lease after its email was delivered is resent once with the same Message-ID and flagged', async () => {
    const row = await unsentCopyOfAnOutcomeEmail('Simulated interrupted send');
    // Deliver it once normally, then put the row back into the state a crash between the SMTP 250
    // and the ledger update leaves: `sending`, lease already expired, not marked sent.
    const first = await enqueueSend(row.id);
    await waitFor('the first send to be recorded', () => system.prisma.notification.findUniqueOrThrow({ where: { id: row.id } }), (r) => r.status === 'sent');
    await waitFor('the first job to be done', () => system.prisma.outbox.findUniqueOrThrow({ where: { id: first } }), (r) => r.doneAt !== null);
    expect(mailsWithKey(row.idempotencyKey)).toHaveLength(1);
    await system.prisma.notification.update({
      where: { id: row.id },
      data: { status: 'sending', sentAt: null, leaseUntil: new Date(clock.now().getTime() - LEASE_MS) },
    });

    await enqueueSend(row.id);
    await waitFor('the resend', () => mailsWithKey(row.idempotencyKey), (mails) => mails.length >= 2);
    const sent = await waitFor('the ledger row to be sent', () => system.prisma.notification.findUniqueOrThrow({ where: { id: row.id } }), (r) => r.status === 'sent');
    expect(sent).toMatchObject({ status: 'sent', resentAfterInterrupt: true, attempts: 2 });
    expect(mailsWithKey(row.idempotencyKey).map((mail) => mail.messageId)).toEqual([row.messageId, row.messageId]);
    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (n) => n === 0);
    expect(mailsWithKey(row.idempotencyKey)).toHaveLength(2);
  });
});
