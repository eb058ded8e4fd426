import { randomUUID } from 'node:crypto';
import { sampleData } from '#libs/mail/fixtures';
import { jobIdForOutbox, QUEUES } from '#libs/queue';
import { waitFor } from '#libs/testing';
import { QueueRegistry } from '#libs/workflow';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * DESIGN "outbox" / "job runner": a job that BullMQ fails outside our runner (stalled too often,
 * a worker killed mid-run) is found by the reconciler, which books its death as the runner would:
 * the outbox row is dead, a dead letter is listed, and the domain's own rows follow (here the
 * ledger row becomes `dead`, so it is visible and retryable, not `queued` forever).
 *
 * The failure outside the runner is made by giving the job a name no processor knows, with one
 * attempt: the worker throws before the runner is involved.
 */
describe('deaths the reconciler records', () => {
  const system = useTestSystem();

  it('guarantee: a send job BullMQ failed outside the runner ends with its ledger row dead, a dead letter and the outbox row dead', async () => {
    const notificationId = randomUUID();
    await system.prisma.notification.create({
      data: {
        id: notificationId, idempotencyKey: `reconciler-test:${notificationId}`, recipientEmail: 'stalled@salesflow.test', kind: 'approval-outcome',
        locale: 'en', messageId: `<${notificationId}@salesflow.local>`, data: sampleData('approval-outcome') as object,
      },
    });
    // Published a minute ago and never finished: what the reconciler looks at.
    const outbox = await system.prisma.outbox.create({
      data: { queue: QUEUES.notifierUrgent, jobName: 'notification.send', payload: { notificationId }, publishedAt: new Date(Date.now() - 60_000) },
    });
    const queue = system.app.get(QueueRegistry).get(QUEUES.notifierUrgent);
    // A job name no handler knows fails in the processor, before the runner could record anything.
    await queue.add('test.fails-outside-the-runner', { notificationId, outboxId: outbox.id, correlationId: null }, { jobId: jobIdForOutbox(outbox.id), attempts: 1 });

    const row = await waitFor('the ledger row to be dead', () => system.prisma.notification.findUniqueOrThrow({ where: { id: notificationId } }), (r) => r.status === 'dead');
    expect(row.lastError).toContain('No @OnJob handler for job test.fails-outside-the-runner');
    const letters = await system.prisma.deadLetter.findMany({ where: { outboxId: outbox.id } });
    expect(letters.map((l) => [l.jobName, (l.payload as { notificationId: string }).notificationId])).toEqual([['notification.send', notificationId]]);
    expect((await system.prisma.outbox.findUniqueOrThrow({ where: { id: outbox.id } })).outcome).toBe('dead');
    expect(system.smtp.to('stalled@salesflow.test')).toEqual([]);
  });
});
