import { waitFor } from '#libs/testing';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { pathOf, requestSignInLink, sessionCookieFrom } from '../support/sign-in.js';
import { CapturedLog } from '../support/captured-log.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 14 item 1: sign-in emails are limited per address and per client (429 with Retry-After),
 * the same for an address no employee has; and no sign-in secret reaches a log line. The tests
 * run in order and share one client address, whose count they add up.
 */
describe('sign-in: rate limits and log redaction', () => {
  const log = new CapturedLog();
  const system = useTestSystem({
    env: { LOG_LEVEL: 'info', SIGN_IN_ADDRESS_LIMIT: '2', SIGN_IN_CLIENT_LIMIT: '7' },
    logStream: log,
    setUp: () => seedOrg(system),
  });

  it('logs neither the link\u2019s token nor the session\u2019s secret (1 sign-in email from this client)', async () => {
    const link = await requestSignInLink(system, ORG.rep2);
    const token = link.split('/').at(-1)!;
    await system.http.get(pathOf(link)).expect(200);
    const used = await system.http.post(pathOf(link)).set('Accept', 'application/json').expect(200);
    const secret = sessionCookieFrom(used.headers['set-cookie']).split('=')[1];
    await system.http.get('/auth/session').set('Cookie', `salesflow_session=${secret}`).expect(200);
    expect(log.text).toContain('/auth/link/[redacted]');
    expect(log.text).not.toContain(token);
    expect(log.text).not.toContain(secret);
  });

  it('per address: the third request for one address within the window is 429 with Retry-After, known or not (4 more from this client)', async () => {
    for (const email of [ORG.rep, 'nobody@salesflow.test']) {
      await system.http.post('/auth/sign-in').send({ email }).expect(202);
      await system.http.post('/auth/sign-in').send({ email: email.toUpperCase() }).expect(202);
      const refused = await system.http.post('/auth/sign-in').send({ email }).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.message).toMatch(/this address/);
    }
    await waitFor('the two links to the rep', () => system.smtp.to(ORG.rep).length, (sent) => sent === 2);
    expect(await system.prisma.notification.count({ where: { recipientEmail: ORG.rep, kind: 'sign-in-link' } })).toBe(2);
    expect(system.smtp.to('nobody@salesflow.test')).toEqual([]);
  });

  it('per client: once the client has asked 7 times, any address is 429', async () => {
    await system.http.post('/auth/sign-in').send({ email: ORG.finance }).expect(202);
    await system.http.post('/auth/sign-in').send({ email: ORG.legal }).expect(202);
    const refused = await system.http.post('/auth/sign-in').send({ email: ORG.hr }).expect(429);
    expect(refused.body.message).toMatch(/this client/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
