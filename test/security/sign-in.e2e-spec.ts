import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { pathOf, requestSignInLink, SESSION_COOKIE, sessionCookieFrom, signIn } from '../support/sign-in.js';
import { useTestSystem } from '../support/use-test-system.js';
import { SignInHousekeeping } from '../../apps/gateway/src/sign-in/sign-in-housekeeping.js';

const ZH = 'zhang.wei@salesflow.test';
const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Issue 14 item 1: email sign-in through the real email (SMTP sink), the session cookie it opens,
 * sign-out, expiry, ADMIN revocation, and CSRF on cookie-authenticated requests.
 */
describe('email sign-in and browser sessions', () => {
  const clock = new ManualClock(new Date());
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: ZH, name: 'Zhang Wei', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', locale: 'zh-CN' }]);
    },
  });

  const whoIs = (cookie: string) => system.http.get('/auth/session').set('Cookie', cookie);

  it('a link works once: GET shows a button and changes nothing, the POST opens an HttpOnly SameSite=Lax session and goes to /desk, a second POST is 410', async () => {
    const link = await requestSignInLink(system, ORG.rep);
    const mail = system.smtp.to(ORG.rep).at(-1)!;
    expect(mail.subject).toBe('Your sign-in link to salesflow');
    expect(link.startsWith('http://salesflow.test/auth/link/')).toBe(true);

    for (let i = 0; i < 2; i++) {
      const page = await system.http.get(pathOf(link)).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('<form method="post">');
      expect(page.text).toContain(ORG.rep);
      // When it stops working, as the employee reads a clock: their zone's wall time, not an ISO instant.
      expect(page.text).toMatch(/This link works until \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Shanghai\)/);
      expect(page.headers['set-cookie']).toBeUndefined();
    }

    const used = await system.http.post(pathOf(link)).type('form').send({}).expect(303);
    expect(used.headers.location).toBe('/desk');
    const setCookie = ([] as string[]).concat(used.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    // PUBLIC_BASE_URL is http and the request is http: no Secure flag, or the browser would drop the cookie.
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = sessionCookieFrom(used.headers['set-cookie']);
    expect((await whoIs(cookie).expect(200)).body).toMatchObject({ employee: { email: ORG.rep, role: 'SALES_SPECIALIST' }, session: { id: expect.any(String) }, csrfToken: expect.any(String) });

    const again = await system.http.post(pathOf(link)).set('Accept', 'application/json').expect(410);
    expect(again.headers['set-cookie']).toBeUndefined();
    await system.http.get(pathOf(link)).expect(410);
  });

  it('the email is in the employee\u2019s locale (zh-CN) and the stored link is only a hash', async () => {
    const link = await requestSignInLink(system, ZH);
    expect(system.smtp.to(ZH).at(-1)!.subject).toBe('您的 salesflow 登录链接');
    const token = link.split('/').at(-1)!;
    const rows = await system.prisma.signInLink.findMany();
    expect(rows.some((row) => row.tokenHash === token)).toBe(false);
    const ledger = await system.prisma.notification.findMany({ where: { kind: 'sign-in-link' } });
    expect(JSON.stringify(ledger)).not.toContain(token);
  });

  it('answers an unknown address exactly as a known one, and emails nobody', async () => {
    const unknown = await system.http.post('/auth/sign-in').send({ email: 'nobody@salesflow.test' }).expect(202);
    const known = await system.http.post('/auth/sign-in').send({ email: ORG.rep2 }).expect(202);
    expect(unknown.body).toEqual(known.body);
    await system.smtp.waitForEmail('the known address\u2019s link', (m) => m.to.includes(ORG.rep2));
    expect(system.smtp.to('nobody@salesflow.test')).toEqual([]);
    expect(await system.prisma.notification.count({ where: { recipientEmail: 'nobody@salesflow.test' } })).toBe(0);
  });

  it('refuses a malformed address with 400 naming the field', async () => {
    const response = await system.http.post('/auth/sign-in').send({ email: 'not-an-address' }).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
  });

  it('an expired link (after 15 minutes) is refused with 410 and opens no session', async () => {
    const link = await requestSignInLink(system, ORG.rep);
    clock.advance(FIFTEEN_MINUTES + 1000);
    await system.http.get(pathOf(link)).expect(410);
    const used = await system.http.post(pathOf(link)).set('Accept', 'application/json').expect(410);
    expect(used.headers['set-cookie']).toBeUndefined();
  });

  it('a link sent to another address signs in as that address, never as whoever opens it; a forged token is 404', async () => {
    const repLink = await requestSignInLink(system, ORG.rep);
    const otherLink = await requestSignInLink(system, ORG.rep2);
    const used = await system.http.post(pathOf(otherLink)).set('Accept', 'application/json').expect(200);
    expect(used.body.employee.email).toBe(ORG.rep2);
    expect((await whoIs(sessionCookieFrom(used.headers['set-cookie'])).expect(200)).body.employee.email).toBe(ORG.rep2);
    const forged = pathOf(repLink).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await system.http.post(forged).set('Accept', 'application/json').expect(404);
    // The forged attempt used nothing up: the real link still works, for its own address.
    expect((await system.http.post(pathOf(repLink)).set('Accept', 'application/json').expect(200)).body.employee.email).toBe(ORG.rep);
  });

  it('sign-out ends the session: the cookie is cleared and the old cookie is 401 afterwards', async () => {
    const browser = await signIn(system, ORG.rep);
    const out = await system.http.post('/auth/sign-out').set('Cookie', browser.cookie).set('X-CSRF-Token', browser.csrfToken).expect(200);
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`));
    await whoIs(browser.cookie).expect(401);
  });

  it('signing in again in a browser that holds a session ends that session, so a browser keeps one', async () => {
    const first = await signIn(system, ORG.rep);
    const link = await requestSignInLink(system, ORG.rep2);
    const used = await system.http.post(pathOf(link)).set('Cookie', first.cookie).set('Accept', 'application/json').expect(200);
    await whoIs(first.cookie).expect(401);
    expect((await whoIs(sessionCookieFrom(used.headers['set-cookie'])).expect(200)).body.employee.email).toBe(ORG.rep2);
  });

  it('a session expires after SESSION_TTL (7 days)', async () => {
    const browser = await signIn(system, ORG.rep);
    clock.advance(7 * 86_400_000 - 60_000);
    await whoIs(browser.cookie).expect(200);
    clock.advance(60_000);
    await whoIs(browser.cookie).expect(401);
  });

  it('ADMIN lists an employee\u2019s sessions and revokes one, or all: a revoked session is 401; others may not', async () => {
    const first = await signIn(system, ORG.manager);
    const second = await signIn(system, ORG.manager);
    await system.http.get(`/auth/sessions?employee=${ORG.manager}`).set('Cookie', first.cookie).expect(403);
    const listed = await system.as(ORG.admin).get(`/auth/sessions?employee=${ORG.manager}`).expect(200);
    const live = (listed.body.items as { id: string; state: string; method: string }[]).filter((s) => s.state === 'live');
    expect(live).toHaveLength(2);
    expect(live.every((s) => s.method === 'email')).toBe(true);

    const firstId = (await whoIs(first.cookie).expect(200)).body.session.id as string;
    expect((await system.as(ORG.admin).get(`/auth/sessions?employee=${ORG.manager}`)).body.items.map((s: { id: string }) => s.id)).toContain(firstId);
    const revokeOne = await system.http.delete(`/auth/sessions/${firstId}`).set('Authorization', `Bearer ${system.token(ORG.admin)}`).expect(200);
    expect(revokeOne.body).toEqual({ revoked: 1 });
    await whoIs(first.cookie).expect(401);
    await whoIs(second.cookie).expect(200);

    const revokeAll = await system.as(ORG.admin).post('/auth/sessions/revoke').send({ employee: ORG.manager }).expect(200);
    expect(revokeAll.body).toEqual({ revoked: 1 });
    await whoIs(second.cookie).expect(401);
    const after = await system.as(ORG.admin).get(`/auth/sessions?employee=${ORG.manager}`).expect(200);
    expect(after.body.items.filter((s: { state: string }) => s.state === 'live')).toEqual([]);
    await system.http.delete('/auth/sessions/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${system.token(ORG.admin)}`).expect(404);
  });

  it('CSRF: a cookie-authenticated POST without its token is 403 and changes nothing; with it (header or form field) it goes through; bearer calls need none', async () => {
    const browser = await signIn(system, ORG.rep);
    const other = await signIn(system, ORG.rep2);
    const refused = await system.http.post('/customers').set('Cookie', browser.cookie).send({ code: 'C-CSRF-1', name: 'Forged Co' }).expect(403);
    expect(refused.body.message).toMatch(/CSRF token/);
    await system.http.post('/customers').set('Cookie', browser.cookie).set('X-CSRF-Token', other.csrfToken).send({ code: 'C-CSRF-1', name: 'Forged Co' }).expect(403);
    expect(await system.prisma.customer.count({ where: { code: 'C-CSRF-1' } })).toBe(0);

    await system.http.post('/customers').set('Cookie', browser.cookie).set('X-CSRF-Token', browser.csrfToken).send({ code: 'C-CSRF-1', name: 'Real Co' }).expect(201);
    await system.http.post('/customers').set('Cookie', browser.cookie).type('form').send({ code: 'C-CSRF-2', name: 'Form Co', _csrf: browser.csrfToken }).expect(201);
    await system.as(ORG.rep).post('/customers').send({ code: 'C-CSRF-3', name: 'Bearer Co' }).expect(201);
    // Reading needs no token.
    await system.http.get('/customers').set('Cookie', browser.cookie).expect(200);
  });

  it('a link used from another site (Sec-Fetch-Site: cross-site) is refused, so nobody is signed in as someone else behind their back', async () => {
    const link = await requestSignInLink(system, ORG.rep);
    const refused = await system.http.post(pathOf(link)).set('Sec-Fetch-Site', 'cross-site').set('Accept', 'application/json').expect(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
    await system.http.post(pathOf(link)).set('Sec-Fetch-Site', 'same-origin').set('Accept', 'application/json').expect(200);
  });

  it('the sign-in page is a labelled form posting to /auth/sign-in, and a browser form gets a page back', async () => {
    const page = await system.http.get('/auth/sign-in').set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('action="/auth/sign-in"');
    expect(page.text).toContain('<label for="email">');
    const sent = await system.http.post('/auth/sign-in').type('form').send({ email: ORG.finance }).expect(202);
    expect(sent.headers['content-type']).toContain('text/html');
    // Without OIDC_* there is no single sign-on to offer or start.
    expect(page.text).not.toContain('/auth/oidc/login');
    await system.http.get('/auth/oidc/login').expect(404);
  });

  it('housekeeping deletes links a day after they expired and sessions 30 days after they ended; what is live or recent stays', async () => {
    const employeeId = (await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep2 } })).id;
    const now = clock.now().getTime();
    const ago = (days: number) => new Date(now - days * 24 * 3600_000);
    const link = (name: string, expiresAt: Date) => system.prisma.signInLink.create({ data: { employeeId, tokenHash: `housekeeping-${name}`, createdAt: expiresAt, expiresAt } });
    const session = (name: string, expiresAt: Date, revokedAt: Date | null = null) =>
      system.prisma.signInSession.create({ data: { employeeId, tokenHash: `housekeeping-${name}`, method: 'email', createdAt: ago(60), lastSeenAt: ago(40), expiresAt, revokedAt } });
    const gone = [await link('old-link', ago(2)), await session('long-expired', ago(31)), await session('long-revoked', ago(-5), ago(31))];
    const kept = [await link('recent-link', ago(0.5)), await session('recently-expired', ago(29)), await session('recently-revoked', ago(-5), ago(29)), await session('live', ago(-5))];

    await system.app.get(SignInHousekeeping).purge();
    const remaining = new Set([
      ...(await system.prisma.signInLink.findMany({ where: { employeeId } })).map((r) => r.id),
      ...(await system.prisma.signInSession.findMany({ where: { employeeId } })).map((r) => r.id),
    ]);
    expect(gone.filter((row) => remaining.has(row.id))).toEqual([]);
    expect(kept.filter((row) => !remaining.has(row.id))).toEqual([]);
  });
});
