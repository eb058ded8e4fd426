import { waitFor } from '#libs/testing';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { about, countByKey, idempotencyKeyOf, KIND, ledger, outcomeRow, submitApprovedAtOnce } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * SPEC principle 5 / DESIGN "notification": SMTP 4xx retries with exponential backoff and
 * ends in one email; SMTP 5xx is permanent: the ledger row is `dead`, a dead letter is listed
 * for ADMIN, and retrying it once sends exactly one email; a second retry of the same dead
 * letter is a conflict (409).
 *
 * The emails are the outcome emails of contracts that are approved at once (no stage applies).
 */
describe('SMTP failures: transient retried, permanent dead-lettered', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system), tearDown: () => { system.smtp.acceptAll(); } });



  it('guarantee: SMTP 451 then 250 -> retried with backoff, exactly one email, ledger shows attempts >= 2 and status sent', async () => {
    let refusals = 0;
    system.smtp.respondWith(({ to }) => {
      if (to.includes(ORG.rep) && refusals === 0) {
        refusals += 1;
        return { code: 451, message: '4.7.1 Greylisted, try again later' };
      }
      return undefined;
    });
    const id = await submitApprovedAtOnce(system, ORG.rep, 'Greylisted outcome');

    const mail = await system.smtp.waitForEmail('the outcome email after a retry', (m) => m.to.includes(ORG.rep) && about(m, id, KIND.outcome));
    expect(refusals).toBe(1);
    const row = await waitFor('the ledger row to be sent', () => outcomeRow(system, ORG.rep, id), (r) => r?.status === 'sent');
    expect(row!.attempts).toBeGreaterThanOrEqual(2);
    expect(row!.messageId).toBe(mail.messageId);
    expect(idempotencyKeyOf(mail)).toBe(row!.idempotencyKey);
    // Once sent, the job is finished: its outbox row is done and nothing else is on its way.
    await waitFor('the send job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    expect(countByKey(system.smtp, (m) => about(m, id)).get(row!.idempotencyKey)).toBe(1);
    expect(await system.prisma.deadLetter.count()).toBe(0);
  });

  it('guarantee: SMTP 550 -> dead (no retry), listed in /dead-letters; one retry after SMTP accepts sends exactly one email; a second retry is 409', async () => {
    system.smtp.respondWith(({ to }) => (to.includes(ORG.rep2) ? { code: 550, message: '5.1.1 Mailbox unavailable' } : undefined));
    const id = await submitApprovedAtOnce(system, ORG.rep2, 'Bounced outcome');

    const dead = await waitFor('the ledger row to be dead', () => outcomeRow(system, ORG.rep2, id), (r) => r?.status === 'dead');
    expect(dead!.attempts).toBe(1); // permanent: not retried
    expect(dead!.lastError).toContain('550');
    expect((await ledger(system, { status: 'dead' })).map((r) => r.id)).toContain(dead!.id);

    const letters = await waitFor(
      'the dead letter to be listed',
      async () => (await system.as(ORG.admin).get('/dead-letters').expect(200)).body.items as { id: string; payload: { notificationId?: string }; error: string; retriedAt: string | null }[],
      (items) => items.some((item) => item.payload.notificationId === dead!.id),
    );
    const letter = letters.find((item) => item.payload.notificationId === dead!.id)!;
    expect(letter.error).toContain('550');
    expect(letter.retriedAt).toBeNull();
    // Only ADMIN sees and retries dead letters.
    await system.as(ORG.manager).get('/dead-letters').expect(403);
    await system.as(ORG.manager).post(`/dead-letters/${letter.id}/retry`).expect(403);
    expect(system.smtp.to(ORG.rep2).filter((m) => about(m, id))).toEqual([]);

    system.smtp.acceptAll();
    await system.as(ORG.admin).post(`/dead-letters/${letter.id}/retry`).expect(202);
    const mail = await system.smtp.waitForEmail('the outcome email after the dead-letter retry', (m) => m.to.includes(ORG.rep2) && about(m, id, KIND.outcome));
    const sent = await waitFor('the ledger row to be sent', () => outcomeRow(system, ORG.rep2, id), (r) => r?.status === 'sent');
    expect(sent!.id).toBe(dead!.id);
    expect(sent!.messageId).toBe(mail.messageId);

    await system.as(ORG.admin).post(`/dead-letters/${letter.id}/retry`).expect(409);
    await system.as(ORG.admin).post('/dead-letters/00000000-0000-4000-8000-000000000000/retry').expect(404);
    const listed = (await system.as(ORG.admin).get('/dead-letters').expect(200)).body.items.find((item: { id: string }) => item.id === letter.id);
    expect(listed.retriedAt).not.toBeNull();

    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    expect(countByKey(system.smtp, (m) => about(m, id))).toEqual(new Map([[sent!.idempotencyKey, 1]]));
  });
});
