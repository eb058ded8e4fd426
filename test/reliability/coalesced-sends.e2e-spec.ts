import { randomUUID } from 'node:crypto';
import { NotificationSender, SendLeaseHeldError } from '../../apps/notifier/src/sending/notification-sender.service.js';
import { sampleData } from '#libs/mail/fixtures';
import { waitFor } from '#libs/testing';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * DESIGN "send ledger", with the notifier's coalesced statements: sends that start in the same
 * turn of the event loop share one claim statement and one sent-mark statement. Coalescing must
 * not weaken the lease: the same email asked for twice in one batch is sent once, and every
 * email of a shared batch is recorded `sent` under its own lease.
 *
 * The ledger rows are written without outbox rows, so only the sends this test starts touch them.
 */
describe('coalesced ledger claims and sent-marks', () => {
  let sender: NotificationSender;
  const system = useTestSystem({
    async setUp() {
      sender = system.app.get(NotificationSender);
    },
  });

  async function ledgerRow(email: string): Promise<string> {
    const id = randomUUID();
    await system.prisma.notification.create({
      data: {
        id,
        idempotencyKey: `coalesced-test:${id}`,
        recipientEmail: email,
        kind: 'approval-outcome',
        locale: 'en',
        messageId: `<${id}@salesflow.local>`,
        data: sampleData('approval-outcome') as object,
      },
    });
    return id;
  }

  it('guarantee: the same email claimed twice in one batch is sent once; the second claim is refused (lease held) or skipped', async () => {
    const id = await ledgerRow('twice@salesflow.test');
    const results = await Promise.allSettled([sender.send(id), sender.send(id)]);
    const sent = results.filter((r) => r.status === 'fulfilled' && r.value === 'done');
    const refused = results.filter((r) => (r.status === 'rejected' && r.reason instanceof SendLeaseHeldError) || (r.status === 'fulfilled' && r.value === 'skipped'));
    expect([sent.length, refused.length]).toEqual([1, 1]);
    await waitFor('the email in the SMTP server', async () => system.smtp.to('twice@salesflow.test').length, (n) => n >= 1);
    expect(system.smtp.to('twice@salesflow.test')).toHaveLength(1);
    const row = await system.prisma.notification.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.attempts, row.resentAfterInterrupt]).toEqual(['sent', 1, false]);
  });

  it('guarantee: ten emails sent together (their claims and sent-marks coalesced) are each sent and recorded sent once, under its own lease', async () => {
    const recipients = Array.from({ length: 10 }, (_, i) => `batch${i}@salesflow.test`);
    const ids = await Promise.all(recipients.map((email) => ledgerRow(email)));
    expect(await Promise.all(ids.map((id) => sender.send(id)))).toEqual(ids.map(() => 'done'));
    for (const email of recipients) expect(system.smtp.to(email)).toHaveLength(1);
    const rows = await system.prisma.notification.findMany({ where: { id: { in: ids } } });
    expect(rows.map((row) => [row.status, row.attempts, row.leaseUntil])).toEqual(ids.map(() => ['sent', 1, null]));
  });
});
