import { NotificationRequester } from '#libs/notifications';
import { sampleData } from '#libs/mail/fixtures';
import { waitFor } from '#libs/testing';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * DESIGN "send ledger" for bulk email: emails asked for together with `bulk` (a batch of digests)
 * travel as ONE `notification.send-batch` job, and each email in it keeps the guarantees of a
 * single send: SMTP 5xx makes that email (only) dead with a dead letter of its own, which a retry
 * sends alone; a 4xx fails the batch job, which BullMQ retries with backoff, and the retry sends
 * only what is still unsent. Nothing is lost and nothing is sent twice.
 */
describe('bulk email sent as batch jobs', () => {
  const recipients = Array.from({ length: 6 }, (_, i) => `bulk${i}@salesflow.test`);
  const system = useTestSystem({ setUp: () => seedOrg(system), tearDown: () => { system.smtp.acceptAll(); } });
  const [, refused, greylisted] = recipients;

  it('guarantee: one batch job carries the emails; 550 kills one email only (own dead letter, retried alone), 451 is retried with the batch; every email arrives exactly once', async () => {
    let greylistings = 0;
    system.smtp.respondWith(({ to }) => {
      if (to.includes(refused)) return { code: 550, message: '5.1.1 Mailbox unavailable' };
      if (to.includes(greylisted) && greylistings === 0) {
        greylistings += 1;
        return { code: 451, message: '4.7.1 Greylisted, try again later' };
      }
      return undefined;
    });
    const requester = system.app.get(NotificationRequester);
    const asked = await system.database.transaction((tx) =>
      requester.requestAll(
        tx,
        recipients.map((email) => ({ idempotencyKey: `bulk-test:${email}`, recipient: { email, locale: 'en' }, kind: 'approval-outcome', data: sampleData('approval-outcome'), bulk: true })),
      ),
    );
    expect(asked).toEqual(recipients.map(() => true));
    const rows = await system.prisma.notification.findMany({ where: { idempotencyKey: { startsWith: 'bulk-test:' } } });
    const idOf = new Map(rows.map((row) => [row.recipientEmail, row.id]));
    const batches = await system.prisma.outbox.findMany({ where: { jobName: 'notification.send-batch' } });
    expect(batches).toHaveLength(1);
    expect([...(batches[0].payload as { notificationIds: string[] }).notificationIds].sort()).toEqual([...idOf.values()].sort());
    expect(await system.prisma.outbox.count({ where: { jobName: 'notification.send' } })).toBe(0);

    await waitFor('the batch job to be done after its retry', () => system.prisma.outbox.findUniqueOrThrow({ where: { id: batches[0].id } }), (row) => row.outcome === 'done');
    expect(greylistings).toBe(1);
    for (const email of recipients.filter((e) => e !== refused)) expect({ email, received: system.smtp.to(email).length }).toEqual({ email, received: 1 });
    expect(system.smtp.to(refused)).toEqual([]);
    const ledger = new Map((await system.prisma.notification.findMany({ where: { id: { in: [...idOf.values()] } } })).map((row) => [row.recipientEmail, row]));
    expect(ledger.get(refused)!.status).toBe('dead');
    expect(ledger.get(greylisted)).toMatchObject({ status: 'sent', attempts: 2 });

    const letters = (await system.as(ORG.admin).get('/dead-letters').expect(200)).body.items as { id: string; jobName: string; payload: { notificationId?: string }; error: string }[];
    expect(letters.map((l) => [l.jobName, l.payload.notificationId])).toEqual([['notification.send', idOf.get(refused)]]);
    expect(letters[0].error).toContain('550');

    system.smtp.acceptAll();
    await system.as(ORG.admin).post(`/dead-letters/${letters[0].id}/retry`).expect(202);
    await system.smtp.waitForEmail('the refused email after its dead letter was retried', (m) => m.to.includes(refused));
    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    for (const email of recipients) expect({ email, received: system.smtp.to(email).length }).toEqual({ email, received: 1 });
    expect((await system.prisma.notification.findUniqueOrThrow({ where: { id: idOf.get(refused)! } })).status).toBe('sent');
  });
});
