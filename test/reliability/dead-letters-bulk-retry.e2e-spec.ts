import { waitFor } from '#libs/testing';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { about, countByKey, KIND } from '../support/reliability.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12 item 7 (in part): after a relay refused mail for a while, ADMIN puts every dead letter
 * back with one call (`POST /dead-letters/retry`, optionally filtered), instead of one call per
 * letter. Each letter is retried once: each email then arrives exactly once, and a second call
 * finds nothing left. A bad filter is 400 and retries nothing; only ADMIN may call.
 */
describe('dead letters: a bulk retry with a filter', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system), tearDown: () => { system.smtp.acceptAll(); } });
  const contracts: string[] = [];
  const deadLetters = () => system.prisma.deadLetter.findMany({ where: { retriedAt: null } });

  it('a relay refusing every email (550): three outcome emails end as dead letters', async () => {
    system.smtp.respondWith(() => ({ code: 550, message: '5.7.1 Relay refused' }));
    for (const title of ['Bulk retry 1', 'Bulk retry 2', 'Bulk retry 3']) {
      const response = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title }).expect(201);
      contracts.push(response.body.id);
    }
    await waitFor('three dead letters', async () => (await deadLetters()).length, (n) => n >= 3);
    expect(contracts.every((id) => system.smtp.received.every((mail) => !about(mail, id)))).toBe(true);
  });

  it('only ADMIN; a bad filter is 400 and a window that matches nothing retries nothing', async () => {
    await system.as(ORG.manager).post('/dead-letters/retry').send({}).expect(403);
    const bad = await system.as(ORG.admin).post('/dead-letters/retry').send({ since: 'yesterday', queue: 'nowhere' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['queue', 'since']);
    const none = await system.as(ORG.admin).post('/dead-letters/retry').send({ until: '2000-01-01T00:00:00Z' }).expect(202);
    expect(none.body).toMatchObject({ retried: 0, ids: [] });
    expect(await deadLetters()).toHaveLength(3);
  });

  it('once the relay accepts, one call sends each email exactly once; a second call finds nothing', async () => {
    system.smtp.acceptAll();
    const letters = await deadLetters();
    const first = await system.as(ORG.admin).post('/dead-letters/retry').send({ limit: 2 }).expect(202);
    expect(first.body.retried).toBe(2);
    const rest = await system.as(ORG.admin).post('/dead-letters/retry').send({ jobName: letters[0].jobName }).expect(202);
    expect(rest.body.retried).toBe(1);
    expect([...first.body.ids, ...rest.body.ids].sort()).toEqual(letters.map((l) => l.id).sort());
    for (const id of contracts) await system.smtp.waitForEmail(`the outcome email of ${id}`, (mail) => mail.to.includes(ORG.rep) && about(mail, id, KIND.outcome));
    await waitFor('every outbox row to be done', () => system.prisma.outbox.count({ where: { doneAt: null } }), (open) => open === 0);
    const counts = countByKey(system.smtp, (mail) => contracts.some((id) => about(mail, id)));
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect((await system.as(ORG.admin).post('/dead-letters/retry').send({}).expect(202)).body.retried).toBe(0);
  });
});
