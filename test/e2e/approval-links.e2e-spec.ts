import { createHash } from 'node:crypto';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import {
  expectEveryEmailNamesItsContract, auditOf, contractBody, contractState, decide, getContract, linkToken, rowCounts, submit, waitForOutcome, waitForRequest,
} from '../support/approval-helpers.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('email links: single-use, expiring, GET never changes anything', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  const form = (token: string, fields: string) =>
    system.http.post(`/actions/${token}`).set('Content-Type', 'application/x-www-form-urlencoded').send(fields);

  it('the request email carries a link under PUBLIC_BASE_URL; its raw token is not stored (only a hash)', async () => {
    const { id } = await submit(system, ORG.rep, contractBody('Link shape', { discountPct: 8 }));
    const mail = await waitForRequest(system, ORG.manager, id);
    expect(mail.text).toMatch(/http:\/\/salesflow\.test\/actions\/[A-Za-z0-9_-]+/);
    expect(mail.html).toContain('/actions/');
    const token = linkToken(mail);
    const rows = await system.prisma.actionToken.findMany({ where: { tokenHash: sha256(token) } });
    expect(rows).toHaveLength(1);
    const raw = await system.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "ActionToken" WHERE "tokenHash" = ${token} OR id::text = ${token}`;
    expect(Number(raw[0].n)).toBe(0);
  });

  it('GET shows a page with the contract title and the choices and changes nothing; a form POST decides; a second POST and a GET of the used link are 410', async () => {
    const body = contractBody('Link decision', { discountPct: 8 });
    const { id } = await submit(system, ORG.rep, body);
    const token = linkToken(await waitForRequest(system, ORG.manager, id));
    const before = await contractState(system, id);
    const counts = await rowCounts(system);

    for (let i = 0; i < 2; i++) {
      const page = await system.http.get(`/actions/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain(body.title);
      expect(page.text).toMatch(/<form[^>]*method="post"/i);
      for (const choice of ['approve', 'reject', 'request_changes']) expect(page.text).toContain(`value="${choice}"`);
    }
    expect(await contractState(system, id)).toEqual(before);
    expect(await rowCounts(system)).toEqual(counts);
    expect((await system.prisma.actionToken.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })).usedAt).toBeNull();

    const decided = await form(token, 'decision=approve');
    expect(decided.status).toBe(200);
    expect(decided.headers['content-type']).toMatch(/text\/html/);
    const contract = await getContract(system, ORG.rep, id);
    expect(contract.status).toBe('APPROVED');
    expect(contract.route[0].approvers[0]).toMatchObject({ decision: 'approve', decidedBy: { email: ORG.manager } });
    expect((await auditOf(system, id)).filter((e) => e.actor?.email === ORG.manager && /approve/.test(e.action))).toHaveLength(1);
    await waitForOutcome(system, ORG.rep, id, 'APPROVED');

    const afterUse = await contractState(system, id);
    expect((await form(token, 'decision=approve')).status).toBe(410);
    expect((await form(token, 'decision=reject&comment=too+late')).status).toBe(410);
    expect((await system.http.post(`/actions/${token}`).send({ decision: 'approve' })).status).toBe(410);
    expect((await system.http.get(`/actions/${token}`)).status).toBe(410);
    expect(await contractState(system, id)).toEqual(afterUse);
  });

  it('a JSON POST decides too; reject through a link needs a comment (400, link still usable)', async () => {
    const body = contractBody('Link reject', { discountPct: 8 });
    const { id } = await submit(system, ORG.rep, body);
    const token = linkToken(await waitForRequest(system, ORG.manager, id));
    const before = await contractState(system, id);
    expect((await system.http.post(`/actions/${token}`).send({ decision: 'reject' })).status).toBe(400);
    expect(await contractState(system, id)).toEqual(before);
    const rejected = await system.http.post(`/actions/${token}`).send({ decision: 'reject', comment: 'Margin too thin' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('REJECTED');
    const outcome = await waitForOutcome(system, ORG.rep, id, 'REJECTED');
    expect(outcome.text).toContain('Margin too thin');
  });

  it('a link whose expiry has passed is 410 on GET and POST, and nothing changes', async () => {
    const { id } = await submit(system, ORG.rep, contractBody('Link expired', { discountPct: 8 }));
    const token = linkToken(await waitForRequest(system, ORG.manager, id));
    const updated = await system.prisma.actionToken.updateMany({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(updated.count).toBe(1);
    const before = await contractState(system, id);
    expect((await system.http.get(`/actions/${token}`)).status).toBe(410);
    expect((await form(token, 'decision=approve')).status).toBe(410);
    expect(await contractState(system, id)).toEqual(before);
    expect(before.status).toBe('PENDING_APPROVAL');
    // The approver can still decide through the API.
    await decide(system, ORG.manager, id, 'approve').expect(200);
  });

  it('a link is per (approver, step, round): a round 1 link is refused (410) after a resubmission, and the round 2 email has a new link', async () => {
    const body = contractBody('Link rounds', { discountPct: 20 });
    const { id } = await submit(system, ORG.rep, body);
    const managerRound1 = linkToken(await waitForRequest(system, ORG.manager, id));
    await decide(system, ORG.manager, id, 'approve').expect(200);
    const directorRound1 = linkToken(await waitForRequest(system, ORG.director, id));
    await decide(system, ORG.director, id, 'request_changes', 'Shorter term please').expect(200);
    // Riskier (higher amount): the route starts again with the manager.
    await system.as(ORG.rep).put(`/contracts/${id}`).send({ ...body, amount: body.amount + 10_000 }).expect(200);
    const managerRound2 = linkToken(await waitForRequest(system, ORG.manager, id, 2));
    expect(managerRound2).not.toBe(managerRound1);

    const before = await contractState(system, id);
    expect((await form(managerRound1, 'decision=approve')).status).toBe(410);
    expect((await form(directorRound1, 'decision=approve')).status).toBe(410);
    expect(await contractState(system, id)).toEqual(before);

    expect((await form(managerRound2, 'decision=approve')).status).toBe(200);
    const contract = await getContract(system, ORG.rep, id);
    expect(contract.route.map((s) => s.status)).toEqual(['APPROVED', 'PENDING']);
  });

  it('two POSTs of the same link at the same time: one decides, the other is 410', async () => {
    const { id } = await submit(system, ORG.rep, contractBody('Link double click', { discountPct: 20 }));
    const token = linkToken(await waitForRequest(system, ORG.manager, id));
    const responses = await Promise.all([form(token, 'decision=approve'), form(token, 'decision=approve')]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 410]);
    expect((await auditOf(system, id)).filter((e) => e.actor?.email === ORG.manager && /approve/.test(e.action))).toHaveLength(1);
  });

  it('every email about a contract names its title and id', async () => {
    expect(await expectEveryEmailNamesItsContract(system)).toBeGreaterThan(5);
  });
});
