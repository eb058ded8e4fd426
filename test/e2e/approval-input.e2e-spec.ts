import jwt from 'jsonwebtoken';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { TEST_JWT_SECRET } from '../support/test-system.js';
import { useTestSystem } from '../support/use-test-system.js';
import { auditOf, contractBody, contractState, decide, getContract, rowCounts, submit, waitForRequest } from '../support/approval-helpers.js';

type FieldErrors = { field: string; message: string }[];

describe('refusals: 403, 409, 400, 401 and 422, each writing nothing', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  describe('403', () => {
    it('an employee not on the route deciding gets 403 and nothing changes', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Not your route', { discountPct: 8 }));
      const before = await contractState(system, id);
      const counts = await rowCounts(system);
      for (const outsider of [ORG.rep2, ORG.finance, ORG.hr]) {
        const response = await decide(system, outsider, id, 'approve');
        expect({ outsider, status: response.status }).toEqual({ outsider, status: 403 });
      }
      expect(await contractState(system, id)).toEqual(before);
      expect(await rowCounts(system)).toEqual(counts);
    });

    it('the submitter deciding their own contract gets 403', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Own decision', { discountPct: 8 }));
      const before = await contractState(system, id);
      await decide(system, ORG.rep, id, 'approve').expect(403);
      expect(await contractState(system, id)).toEqual(before);
    });

    it('a SALES_SPECIALIST calling PUT /approval-policy gets 403 and the policy keeps its version', async () => {
      const active = await system.as(ORG.rep).get('/approval-policy').expect(200);
      const counts = await rowCounts(system);
      const response = await system.as(ORG.rep).put('/approval-policy').send({ reminderAt: 0.5, stages: [] });
      expect(response.status).toBe(403);
      expect(await rowCounts(system)).toEqual(counts);
      const after = await system.as(ORG.rep).get('/approval-policy').expect(200);
      expect(after.body.version).toBe(active.body.version);
      // And the default policy still routes a discount of 8 to the manager.
      const { route } = await submit(system, ORG.rep, contractBody('Policy untouched', { discountPct: 8 }));
      expect(route.map((s) => s.name)).toEqual(['manager']);
    });

    it('non-sales roles may not submit contracts, and non-admins may not set FX rates (403, nothing written)', async () => {
      const counts = await rowCounts(system);
      await system.as(ORG.finance).post('/contracts').send(contractBody('Finance submits')).expect(403);
      await system.as(ORG.manager).put('/fx-rates').send({ rates: { USD: 7.1 } }).expect(403);
      expect(await rowCounts(system)).toEqual(counts);
    });

    it('someone outside the reporting line and the route cannot read a contract (403)', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Private deal', { discountPct: 8 }));
      await system.as(ORG.rep2).get(`/contracts/${id}`).expect(403);
      await system.as(ORG.rep2).get(`/contracts/${id}/audit`).expect(403);
      await system.as(ORG.manager).get(`/contracts/${id}`).expect(200);
    });
  });

  describe('409', () => {
    it('two approvals racing on the same step: exactly one 200 and one 409, and exactly one audit entry for that step', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Double click', { discountPct: 20 }));
      await waitForRequest(system, ORG.manager, id);
      const responses = await Promise.all([decide(system, ORG.manager, id, 'approve'), decide(system, ORG.manager, id, 'approve')]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const audit = await auditOf(system, id);
      expect(audit.filter((e) => e.actor?.email === ORG.manager && /approve/.test(e.action))).toHaveLength(1);
      const contract = await getContract(system, ORG.rep, id);
      expect(contract.route.map((s) => s.status)).toEqual(['APPROVED', 'PENDING']);
      // The next stage was started once: one request to the director.
      await waitForRequest(system, ORG.director, id);
      expect(audit.filter((e) => /stage/.test(e.action) && JSON.stringify(e.after ?? {}).includes('director'))).toHaveLength(1);
    });

    it('an approve and a reject racing on the same step: one wins, the other gets 409', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Approve vs reject', { discountPct: 8 }));
      const responses = await Promise.all([decide(system, ORG.manager, id, 'approve'), decide(system, ORG.manager, id, 'reject', 'No')]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = responses.find((r) => r.status === 200)!;
      const contract = await getContract(system, ORG.rep, id);
      expect(contract.status).toBe(winner.body.status);
      const decisions = (await auditOf(system, id)).filter((e) => e.actor?.email === ORG.manager && /approve|reject/.test(e.action));
      expect(decisions.filter((e) => e.action.startsWith('step'))).toHaveLength(1);
    });

    it('a director deciding while the manager stage is still pending gets 409 "not your turn", and nothing changes', async () => {
      const { id, route } = await submit(system, ORG.rep, contractBody('Director too early', { discountPct: 20 }));
      expect(route.map((s) => s.name)).toEqual(['manager', 'director']);
      const before = await contractState(system, id);
      const counts = await rowCounts(system);
      const response = await decide(system, ORG.director, id, 'approve');
      expect(response.status).toBe(409);
      expect(response.body.message).toMatch(/not your turn/i);
      expect(await contractState(system, id)).toEqual(before);
      expect(await rowCounts(system)).toEqual(counts);
    });

    it('an approver deciding again after the contract was decided gets 409', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Already decided', { discountPct: 8 }));
      await decide(system, ORG.manager, id, 'approve').expect(200);
      const before = await contractState(system, id);
      await decide(system, ORG.manager, id, 'reject', 'Changed my mind').expect(409);
      expect(await contractState(system, id)).toEqual(before);
    });
  });

  describe('400 with field messages, nothing written', () => {
    const valid = () => contractBody('Valid shape', { discountPct: 8 });
    const cases: [string, (b: Record<string, unknown>) => unknown, string][] = [
      ['an unknown field', (b) => ({ ...b, approvedBy: 'me' }), 'approvedBy'],
      ['amount 0', (b) => ({ ...b, amount: 0 }), 'amount'],
      ['a negative amount', (b) => ({ ...b, amount: -100 }), 'amount'],
      ['amount as a string', (b) => ({ ...b, amount: '50000' }), 'amount'],
      ["currency 'usd'", (b) => ({ ...b, currency: 'usd' }), 'currency'],
      ["currency 'US'", (b) => ({ ...b, currency: 'US' }), 'currency'],
      ['discount 101', (b) => ({ ...b, discountPct: 101 }), 'discountPct'],
      ['discount -1', (b) => ({ ...b, discountPct: -1 }), 'discountPct'],
      ['a fractional payment term', (b) => ({ ...b, paymentTermDays: 30.5 }), 'paymentTermDays'],
      ['a missing title', ({ title: _t, ...rest }) => rest, 'title'],
    ];

    it.each(cases)('POST /contracts with %s is 400 naming the field, and writes nothing', async (_name, mutate, field) => {
      const counts = await rowCounts(system);
      const response = await system.as(ORG.rep).post('/contracts').send(mutate(valid() as unknown as Record<string, unknown>) as object);
      expect(response.status).toBe(400);
      expect((response.body.errors as FieldErrors).map((e) => e.field)).toContain(field);
      expect(await rowCounts(system)).toEqual(counts);
    });

    it('POST /contracts with a malformed JSON body is 400 with a message, and writes nothing', async () => {
      const counts = await rowCounts(system);
      const response = await system.as(ORG.rep).post('/contracts').set('Content-Type', 'application/json').send('{"title": "Broken", "amount": 5');
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(expect.any(String));
      expect(await rowCounts(system)).toEqual(counts);
    });

    it('a decision with an unknown decision value or an unknown field is 400 and changes nothing', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Bad decision body', { discountPct: 8 }));
      const before = await contractState(system, id);
      const unknownDecision = await system.as(ORG.manager).post(`/contracts/${id}/decisions`).send({ decision: 'maybe' });
      expect(unknownDecision.status).toBe(400);
      expect((unknownDecision.body.errors as FieldErrors).map((e) => e.field)).toContain('decision');
      const unknownField = await system.as(ORG.manager).post(`/contracts/${id}/decisions`).send({ decision: 'approve', onBehalfOf: ORG.director });
      expect(unknownField.status).toBe(400);
      const malformed = await system.as(ORG.manager).post(`/contracts/${id}/decisions`).set('Content-Type', 'application/json').send('{"decision":');
      expect(malformed.status).toBe(400);
      expect(await contractState(system, id)).toEqual(before);
    });

    const badPolicies: [string, object, string][] = [
      ['a when naming an unknown field', { reminderAt: 0.5, stages: [{ name: 'm', when: 'discount > 5', approvers: ['manager'], mode: 'all', sla: 'PT8H' }] }, 'stages[0].when'],
      ['an entry when naming an unknown field', { reminderAt: 0.5, stages: [{ name: 'm', when: 'discountPct > 5', approvers: [{ approver: 'manager', when: 'margin < 3' }], mode: 'all', sla: 'PT8H' }] }, 'stages[0].approvers[0].when'],
      ['an unknown approver reference', { reminderAt: 0.5, stages: [{ name: 'm', when: 'discountPct > 5', approvers: ['role:CEO'], mode: 'all', sla: 'PT8H' }] }, 'stages[0].approvers[0]'],
      ['a when that does not parse', { reminderAt: 0.5, stages: [{ name: 'm', when: 'discountPct > > 5', approvers: ['manager'], mode: 'all', sla: 'PT8H' }] }, 'stages[0].when'],
      ['a quorum larger than its entries', { reminderAt: 0.5, stages: [{ name: 'm', when: 'discountPct > 5', approvers: ['manager', 'director'], mode: 'quorum', quorum: 3, sla: 'PT8H' }] }, 'stages[0].quorum'],
      ['an unknown mode', { reminderAt: 0.5, stages: [{ name: 'm', when: 'discountPct > 5', approvers: ['manager'], mode: 'most', sla: 'PT8H' }] }, 'stages[0].mode'],
    ];

    it.each(badPolicies)('PUT /approval-policy with %s is 400 pointing at it; the active policy is kept', async (_name, policy, field) => {
      const active = await system.as(ORG.admin).get('/approval-policy').expect(200);
      const counts = await rowCounts(system);
      const response = await system.as(ORG.admin).put('/approval-policy').send(policy);
      expect(response.status).toBe(400);
      const errors = response.body.errors as FieldErrors;
      expect(errors.map((e) => e.field)).toContain(field);
      expect(errors.find((e) => e.field === field)!.message.length).toBeGreaterThan(0);
      expect(await rowCounts(system)).toEqual(counts);
      expect((await system.as(ORG.admin).get('/approval-policy').expect(200)).body.version).toBe(active.body.version);
    });

    it('PUT /approval-policy with a malformed JSON body is 400 and keeps the policy', async () => {
      const active = await system.as(ORG.admin).get('/approval-policy').expect(200);
      const response = await system.as(ORG.admin).put('/approval-policy').set('Content-Type', 'application/json').send('{"reminderAt": 0.5, "stages": [');
      expect(response.status).toBe(400);
      expect((await system.as(ORG.admin).get('/approval-policy').expect(200)).body.version).toBe(active.body.version);
    });
  });

  describe('401, nothing written', () => {
    const attempts: [string, () => string | null][] = [
      ['no token', () => null],
      ['a token with a bad signature', () => jwt.sign({ sub: ORG.rep }, 'not-the-secret', { algorithm: 'HS256', expiresIn: '1h' })],
      ['a token for an unknown email', () => jwt.sign({ sub: 'nobody@salesflow.test' }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' })],
      ['an expired token', () => jwt.sign({ sub: ORG.rep, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' })],
      ['a token that is not a JWT', () => 'garbage'],
    ];

    it.each(attempts)('POST /contracts with %s is 401 and writes nothing', async (_name, token) => {
      const counts = await rowCounts(system);
      const request = system.http.post('/contracts');
      const value = token();
      if (value) request.set('Authorization', `Bearer ${value}`);
      const response = await request.send(contractBody('Unauthenticated', { discountPct: 8 }));
      expect(response.status).toBe(401);
      expect(await rowCounts(system)).toEqual(counts);
    });

    it.each(attempts)('a decision with %s is 401 and changes nothing', async (_name, token) => {
      const { id } = await submit(system, ORG.rep, contractBody('Decision without auth', { discountPct: 8 }));
      const before = await contractState(system, id);
      const request = system.http.post(`/contracts/${id}/decisions`);
      const value = token();
      if (value) request.set('Authorization', `Bearer ${value}`);
      expect((await request.send({ decision: 'approve' })).status).toBe(401);
      expect(await contractState(system, id)).toEqual(before);
    });
  });

  describe('404 and 422', () => {
    it('an unknown contract id is 404', async () => {
      await system.as(ORG.admin).get('/contracts/00000000-0000-4000-8000-000000000000').expect(404);
      await decide(system, ORG.manager, '00000000-0000-4000-8000-000000000000', 'approve').expect(404);
    });

    it('a stage whose reference resolves to nobody (a director with no manager submits) is 422 naming the stage, and writes nothing', async () => {
      const counts = await rowCounts(system);
      const response = await system.as(ORG.director).post('/contracts').send(contractBody('Director deal', { discountPct: 8 }));
      expect(response.status).toBe(422);
      expect(response.body.message).toMatch(/manager/);
      expect(await rowCounts(system)).toEqual(counts);
    });
  });
});
