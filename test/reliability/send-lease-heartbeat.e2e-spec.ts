import { waitFor } from '#libs/testing';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { about, KIND, ledger, type LedgerRow } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';
import { SendingRepository } from '../../apps/notifier/src/sending/sending.repository.js';

/**
 * Issue 12 item 7: the send lease is short (SEND_LEASE, 1 s here) so that a dead notifier's
 * emails are claimable again within seconds; a live notifier renews it while the send is in
 * flight, so a slow relay never lets a second worker send the same email in parallel. Without the
 * heartbeat the second send job below would re-claim the row once its 1-second lease ran out and
 * send a second copy.
 */
describe('send lease renewed while sending', () => {
  const system = useTestSystem({ env: { SEND_LEASE: 'PT1S' }, setUp: () => seedOrg(system), tearDown: () => system.smtp.acceptAll() });
  let sentId = '';

  it('guarantee: a send taking 4 s under a 1 s lease keeps its claim (leaseUntil moves on); a second job for the email meanwhile backs off; one copy, not flagged', async () => {
    system.smtp.respondWith(({ to }) => (to.includes(ORG.rep) ? { acceptAfterMs: 4000 } : undefined));
    const response = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'Slow relay' }).expect(201);
    const id = response.body.id as string;
    const outcomeRow = async (): Promise<LedgerRow | undefined> => (await ledger(system, { recipient: ORG.rep, kind: KIND.outcome })).find((row) => row.idempotencyKey.includes(id));
    const row = await waitFor('the email to be in flight', outcomeRow, (found) => found?.status === 'sending');
    const first = await system.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } });
    const renewed = await waitFor(
      'the lease to be renewed past its first end',
      () => system.prisma.notification.findUniqueOrThrow({ where: { id: row!.id } }),
      (current) => current.status === 'sending' && current.leaseUntil!.getTime() > first.leaseUntil!.getTime() + 500,
    );
    expect(renewed.leaseUntil!.getTime()).toBeGreaterThan(Date.now());

    // Another worker is asked to send the same email while the first send is still in flight.
    const second = await system.prisma.outbox.create({ data: { queue: 'notifier-urgent', jobName: 'notification.send', payload: { notificationId: row!.id } } });
    const sent = await waitFor('the email to be sent', outcomeRow, (found) => found?.status === 'sent', { timeoutMs: 30_000 });
    await waitFor('the second job to be done', () => system.prisma.outbox.findUniqueOrThrow({ where: { id: second.id } }), (job) => job.doneAt !== null, { timeoutMs: 30_000 });
    expect(sent).toMatchObject({ attempts: 1, resentAfterInterrupt: false });
    expect(system.smtp.received.filter((mail) => about(mail, id, KIND.outcome))).toHaveLength(1);
    sentId = row!.id;
  });

  // The heartbeat warns only of a real takeover: a claim whose own send was recorded while the
  // renewal ran (under load, hundreds per beat) is released quietly, not reported as lost.
  it('guarantee: the renewal tells a claim another worker took over from one whose own send just ended, and renews the one still held', async () => {
    const ledgerRows = system.app.get(SendingRepository);
    expect(await ledgerRows.renewLeases([{ id: sentId, attempt: 1 }])).toEqual({ takenOver: [], ended: [{ id: sentId, attempt: 1 }] });
    // Another worker re-claimed it (attempt 2) after this one's lease ran out.
    await system.prisma.notification.update({ where: { id: sentId }, data: { status: 'sending', attempts: 2, leaseUntil: new Date(Date.now() + 1000) } });
    expect(await ledgerRows.renewLeases([{ id: sentId, attempt: 1 }])).toEqual({ takenOver: [{ id: sentId, attempt: 1 }], ended: [] });
    expect(await ledgerRows.renewLeases([{ id: sentId, attempt: 2 }])).toEqual({ takenOver: [], ended: [] });
    const renewed = await system.prisma.notification.findUniqueOrThrow({ where: { id: sentId } });
    expect(renewed.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 500);
    await system.prisma.notification.update({ where: { id: sentId }, data: { status: 'sent', leaseUntil: null } });
  });
});
