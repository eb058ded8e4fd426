import supertest from 'supertest';
import { contractBody, linkToken, submit, waitForRequest } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

const LIMIT = 4;
const METRICS_TOKEN = 'metrics-token-for-this-test-0123456789';

describe('web hygiene: security headers, /metrics behind METRICS_TOKEN, 429 on token failures and link guesses shared by replicas (issue 12 item 8)', () => {
  const system = useTestSystem({
    env: { AUTH_FAILURE_LIMIT: String(LIMIT), LINK_GUESS_LIMIT: String(LIMIT), METRICS_TOKEN },
    setUp: () => seedOrg(system),
  });

  function expectSecurityHeaders(headers: Record<string, string>) {
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
  }

  it('an API answer and an email-link page carry the security headers and no X-Powered-By', async () => {
    expectSecurityHeaders((await system.as(ORG.rep).get('/org/employees').expect(200)).headers);
    const { id } = await submit(system, ORG.rep, contractBody('Headers', { discountPct: 8 }));
    const page = await system.http.get(`/actions/${linkToken(await waitForRequest(system, ORG.manager, id))}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expectSecurityHeaders(page.headers);
  });

  it('/metrics without METRICS_TOKEN is 401, with a wrong one 401, with it 200', async () => {
    expect((await system.http.get('/metrics')).status).toBe(401);
    expect((await system.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}-wrong`)).status).toBe(401);
    const metrics = await system.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(metrics.text).toContain('process_cpu');
  });

  it('bearer-token failures are counted across two gateway replicas: after LIMIT 401s the next answer is 429 with Retry-After, even for a good token', async () => {
    const replica = supertest((await system.startReplica()).getHttpServer());
    const gateways = [system.http, replica];
    for (let i = 0; i < LIMIT; i++) {
      expect((await gateways[i % 2].get('/org/employees').set('Authorization', `Bearer not-a-token-${i}`)).status).toBe(401);
    }
    for (const gateway of gateways) {
      const refused = await gateway.get('/org/employees').set('Authorization', `Bearer not-a-token-again`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await gateway.get('/org/employees').set('Authorization', `Bearer ${system.token(ORG.rep)}`)).status).toBe(429);
    }
  });

  it('guesses at email-link tokens are counted across replicas: after LIMIT unknown tokens the link pages answer 429 with Retry-After', async () => {
    const replica = supertest((await system.startReplica()).getHttpServer());
    const gateways = [system.http, replica];
    for (let i = 0; i < LIMIT; i++) {
      const path = i % 2 === 0 ? `/actions/guess-${i}` : `/surveys/guess-${i}`;
      expect((await gateways[i % 2].get(path)).status).toBe(404);
    }
    for (const gateway of gateways) {
      const refused = await gateway.get('/actions/guess-again').set('Accept', 'text/html');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await gateway.post('/surveys/guess-again').send({ score: 5 })).status).toBe(429);
    }
  });
});
