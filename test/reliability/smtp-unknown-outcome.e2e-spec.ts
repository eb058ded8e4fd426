import { waitFor } from '#libs/testing';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { about, KIND, outcomeRow, submitApprovedAtOnce } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12 item 7: a relay that takes the whole message after DATA and then never answers. The
 * notifier cannot know whether the relay queued it: the ledger row becomes `unknown`, and it is
 * resent once, a longer delay later, with the same Message-ID and flagged `resentAfterInterrupt`,
 * so a relay that did queue it yields at most one duplicate, which mail clients collapse by
 * Message-ID. If the resend goes unanswered too, the email is dead (a dead letter an ADMIN may
 * retry), never a third copy. Before this, such a timeout was retried like a refused connection:
 * the message went out again and again (4 copies before the 5th was answered).
 *
 * The sink keeps a message it does not answer (it is in `received`, as in a relay's queue); the
 * notifier's SMTP socket timeout is 2 s here, so each unanswered send fails after 2 s.
 */
describe('SMTP: a relay silent after DATA', () => {
  const system = useTestSystem({
    env: { SMTP_SOCKET_TIMEOUT: 'PT2S', SMTP_UNKNOWN_RESEND_DELAY: 'PT4S' },
    setUp: () => seedOrg(system),
    tearDown: () => system.smtp.acceptAll(),
  });



  /** Leaves the first `unanswered` deliveries of each outcome email to `recipient` unanswered. */
  function silentAfterData(recipient: string, unanswered: number): void {
    const seen = new Map<string, number>();
    system.smtp.respondWith(({ to, messageId }) => {
      if (!to.includes(recipient)) return undefined;
      const count = (seen.get(messageId) ?? 0) + 1;
      seen.set(messageId, count);
      return count <= unanswered ? 'hang' : undefined;
    });
  }

  function copies(contractId: string) {
    return system.smtp.received.filter((mail) => about(mail, contractId, KIND.outcome));
  }

  it('guarantee: one unanswered send -> row `unknown`, resent once after the longer delay with the same Message-ID; arrives exactly twice, ends `sent` and flagged', async () => {
    silentAfterData(ORG.rep, 1);
    const id = await submitApprovedAtOnce(system, ORG.rep, 'Silent relay once');

    const unknown = await waitFor('the ledger row to be unknown', () => outcomeRow(system, ORG.rep, id), (row) => row?.status === 'unknown', { timeoutMs: 30_000 });
    expect(unknown!.lastError).toMatch(/timeout/i);
    expect(copies(id)).toHaveLength(1);

    const sent = await waitFor('the ledger row to be sent', () => outcomeRow(system, ORG.rep, id), (row) => row?.status === 'sent', { timeoutMs: 30_000 });
    expect(sent).toMatchObject({ resentAfterInterrupt: true, attempts: 2 });
    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    expect(copies(id).map((mail) => mail.messageId)).toEqual([sent!.messageId, sent!.messageId]);
    expect(await system.prisma.deadLetter.count()).toBe(0);
  });

  it('guarantee: a relay that never answers gets the message at most twice (one Message-ID); the email is then dead with a dead letter, not sent a third time', async () => {
    silentAfterData(ORG.rep2, Number.POSITIVE_INFINITY);
    const id = await submitApprovedAtOnce(system, ORG.rep2, 'Silent relay always');

    const dead = await waitFor('the ledger row to be dead', () => outcomeRow(system, ORG.rep2, id), (row) => row?.status === 'dead', { timeoutMs: 40_000 });
    expect(dead!.resentAfterInterrupt).toBe(true);
    expect(dead!.lastError).toContain('not sent a third time');
    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    expect(copies(id).map((mail) => mail.messageId)).toEqual([dead!.messageId, dead!.messageId]);
    const letters = (await system.as(ORG.admin).get('/dead-letters').expect(200)).body.items as { payload: { notificationId?: string; notificationIds?: string[] } }[];
    expect(letters.some((letter) => letter.payload.notificationId === dead!.id || letter.payload.notificationIds?.includes(dead!.id))).toBe(true);
  });
});
