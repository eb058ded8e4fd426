import { JOB_ATTEMPTS } from '#libs/queue';
import { waitFor } from '#libs/testing';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { about, countByKey, KIND, ledger, submitApprovedAtOnce } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12 item 7: a relay that is down for a while must not turn into mass dead letters. SMTP
 * connection errors and 4xx replies are retried with capped exponential backoff until a time
 * budget (SMTP_RETRY_BUDGET) is used up, not a fixed number of attempts; only then is the email
 * dead, with one dead letter each, which POST /dead-letters/retry puts back in bulk with a fresh
 * budget. Before this, the 8 attempts of BullMQ's schedule were all an email got (158 of 200 dead
 * after ~2.5 minutes of outage).
 *
 * The budget and the cap are small here (config), so the test takes seconds, not hours.
 */
/** The relay answers 451 to the first `refusals` deliveries of every email to the rep. */
function refuseFirst(system: ReturnType<typeof useTestSystem>, refusals: number): Map<string, number> {
  const tries = new Map<string, number>();
  system.smtp.respondWith(({ to, messageId }) => {
    if (!to.includes(ORG.rep)) return undefined;
    const count = (tries.get(messageId) ?? 0) + 1;
    tries.set(messageId, count);
    return count <= refusals ? { code: 451, message: '4.3.2 System not accepting network messages' } : undefined;
  });
  return tries;
}

describe('SMTP retries on a time budget: a relay down longer than the old attempt count', () => {
  const system = useTestSystem({
    env: { SMTP_RETRY_BUDGET: 'PT3M', SMTP_RETRY_MAX_DELAY: 'PT1S' },
    setUp: () => seedOrg(system),
    tearDown: () => system.smtp.acceptAll(),
  });

  it(`guarantee: 12 emails each refused (451) ${JOB_ATTEMPTS + 2} times are all delivered exactly once, with no dead letter`, async () => {
    const refusals = JOB_ATTEMPTS + 2;
    const tries = refuseFirst(system, refusals);
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await submitApprovedAtOnce(system, ORG.rep, `Relay down ${i}`));

    const rows = await waitFor(
      'every outcome email to be sent',
      async () => (await ledger(system, { recipient: ORG.rep, kind: KIND.outcome })).filter((row) => ids.some((id) => row.idempotencyKey.includes(id))),
      (found) => found.length === ids.length && found.every((row) => row.status === 'sent'),
      { timeoutMs: 90_000 },
    );
    for (const row of rows) expect(row.attempts).toBe(refusals + 1);
    expect([...tries.values()].every((count) => count === refusals + 1)).toBe(true);
    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    const counts = countByKey(system.smtp, (mail) => ids.some((id) => about(mail, id, KIND.outcome)));
    expect([...counts.values()]).toEqual(ids.map(() => 1));
    expect(await system.prisma.deadLetter.count()).toBe(0);
  });
});

describe('SMTP retries on a time budget: the budget used up', () => {
  const system = useTestSystem({
    env: { SMTP_RETRY_BUDGET: 'PT4S', SMTP_RETRY_MAX_DELAY: 'PT1S' },
    setUp: () => seedOrg(system),
    tearDown: () => system.smtp.acceptAll(),
  });

  it('guarantee: a relay refusing for longer than the budget -> each email dead with one dead letter naming the budget; one bulk retry once it is back delivers each exactly once', async () => {
    refuseFirst(system, Number.POSITIVE_INFINITY);
    const ids = [await submitApprovedAtOnce(system, ORG.rep, 'Budget used up A'), await submitApprovedAtOnce(system, ORG.rep, 'Budget used up B')];
    const outcomeRows = async () => (await ledger(system, { recipient: ORG.rep, kind: KIND.outcome })).filter((row) => ids.some((id) => row.idempotencyKey.includes(id)));

    const dead = await waitFor('both emails to be dead', outcomeRows, (rows) => rows.length === 2 && rows.every((row) => row.status === 'dead'), { timeoutMs: 30_000 });
    for (const row of dead) {
      expect(row.lastError).toContain('retry budget of 4 s used up');
      expect(row.attempts).toBeGreaterThan(2);
    }
    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    const letters = await system.prisma.deadLetter.findMany();
    expect(letters.map((letter) => (letter.payload as { notificationId?: string }).notificationId).sort()).toEqual(dead.map((row) => row.id).sort());
    expect(system.smtp.received.filter((mail) => ids.some((id) => about(mail, id)))).toEqual([]);

    system.smtp.acceptAll();
    const retried = (await system.as(ORG.admin).post('/dead-letters/retry').send({}).expect(202)).body;
    expect(retried.retried).toBe(2);
    await waitFor('both emails to be sent', outcomeRows, (rows) => rows.every((row) => row.status === 'sent'), { timeoutMs: 30_000 });
    await waitFor('every job to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    expect([...countByKey(system.smtp, (mail) => ids.some((id) => about(mail, id))).values()]).toEqual([1, 1]);
  });
});
