import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { SESSION_COOKIE, sessionCookieFrom } from '../support/sign-in.js';
import { useTestSystem } from '../support/use-test-system.js';

const CLIENT_ID = 'salesflow';
const CLIENT_SECRET = 'salesflow-test-client-secret-0123456789';
const PUBLIC_BASE_URL = 'http://salesflow.test';
const STRANGER = 'stranger@elsewhere.test';

/** Who the provider says signed in: the login typed into its form is the account and its email. */
const VERIFIED = new Map<string, boolean>();

/**
 * Issue 14 item 1: company single sign-on against a real OpenID provider (oidc-provider) started
 * here, driven over HTTP like a browser: the provider's login and consent forms are submitted,
 * its redirects followed. PKCE is required by the provider, so a flow without it would fail.
 */
describe('single sign-on (OIDC authorization code flow with PKCE)', () => {
  const env: Record<string, string> = { PUBLIC_BASE_URL };
  let server: Server;
  let issuer = '';
  const authorizeRequests: URL[] = [];

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new Provider(issuer, {
      jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' }] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${PUBLIC_BASE_URL}/auth/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      pkce: { required: () => true },
      cookies: { keys: ['oidc-provider-test-cookie-key-0123456789'] },
      findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: id, email_verified: VERIFIED.get(id) ?? true, name: id }) }),
    });
    const callback = provider.callback();
    server.on('request', (req, res) => {
      if (req.url?.startsWith('/auth?')) authorizeRequests.push(new URL(req.url, issuer));
      void callback(req, res);
    });
    Object.assign(env, { OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const system = useTestSystem({ env, setUp: () => seedOrg(system) });

  /**
   * Our /auth/oidc/login, then the provider like a browser (its cookies kept, its forms submitted
   * with `login` as the account), until it redirects back to us; then our callback with the
   * state cookie. Returns our callback's answer.
   */
  async function signInAtProvider(login: string) {
    const start = await system.http.get('/auth/oidc/login').expect(302);
    const stateCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('salesflow_oidc='))!;
    expect(stateCookie).toBeDefined();
    const jar = new Map<string, string>();
    let next = new URL(start.headers.location as string);
    let form: URLSearchParams | undefined;
    for (let hop = 0; hop < 20 && next.origin === issuer; hop++) {
      const response = await fetch(next, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form?.toString(),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      form = undefined;
      const location = response.headers.get('location');
      if (location) {
        next = new URL(location, next);
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(html)?.[1];
      if (!action) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
      form = new URLSearchParams();
      for (const [, name, value] of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) form.set(name, value);
      if (html.includes('name="login"')) {
        form.set('login', login);
        form.set('password', 'any');
      }
      next = new URL(action, next);
    }
    expect(next.href.startsWith(`${PUBLIC_BASE_URL}/auth/oidc/callback?`)).toBe(true);
    return system.http.get(`${next.pathname}${next.search}`).set('Cookie', stateCookie);
  }

  it('signs an employee in: PKCE S256 with state and nonce on the way out, the email claim names the employee, a session cookie on the way back', async () => {
    const back = await signInAtProvider(ORG.rep);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/desk');
    const authorize = authorizeRequests.at(-1)!;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const cookie = sessionCookieFrom(back.headers['set-cookie']);
    const me = await system.http.get('/auth/session').set('Cookie', cookie).expect(200);
    expect(me.body.employee.email).toBe(ORG.rep);
    const sessions = await system.as(ORG.admin).get(`/auth/sessions?employee=${ORG.rep}`).expect(200);
    expect(sessions.body.items[0]).toMatchObject({ method: 'oidc', state: 'live' });
  });

  it('the sign-in page offers single sign-on once it is configured', async () => {
    expect((await system.http.get('/auth/sign-in').expect(200)).text).toContain('href="/auth/oidc/login"');
  });

  it('refuses an address that is no employee\u2019s (403), opening no session', async () => {
    const back = await signInAtProvider(STRANGER);
    expect(back.status).toBe(403);
    expect(([] as string[]).concat(back.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it('refuses an address the provider has not verified', async () => {
    VERIFIED.set(ORG.rep2, false);
    const back = await signInAtProvider(ORG.rep2);
    expect(back.status).toBe(403);
    expect(back.text).toContain('not verified');
  });

  it('refuses a callback without the state cookie of its own attempt (401), so a code cannot be replayed into another browser', async () => {
    const back = await signInAtProvider(ORG.manager);
    expect(back.status).toBe(303);
    const start = await system.http.get('/auth/oidc/login').expect(302);
    const state = new URL(start.headers.location as string).searchParams.get('state');
    await system.http.get(`/auth/oidc/callback?code=forged&state=${state}`).expect(401);
  });
});
