import type { ReceivedEmail } from '#libs/testing';
import { SESSION_COOKIE } from '../../apps/gateway/src/sign-in/session-cookie.js';
import type { TestSystem } from './test-system.js';

export { SESSION_COOKIE };

/** A signed-in browser, as tests use it: the Cookie header value, and the CSRF token its state-changing requests send. */
export interface SignedInBrowser {
  /** `salesflow_session=<secret>`: set it as the Cookie header. */
  cookie: string;
  /** Send as `X-CSRF-Token` (or the `_csrf` form field) with every POST, PUT, PATCH, DELETE. */
  csrfToken: string;
}

const SIGN_IN_LINK = /https?:\/\/\S+?\/auth\/link\/[A-Za-z0-9_-]+/;

/** The sign-in link in an email (its token is the last path segment). */
export function signInLinkIn(mail: ReceivedEmail): string {
  const link = SIGN_IN_LINK.exec(mail.text)?.[0];
  if (!link) throw new Error(`no sign-in link in the email "${mail.subject}"`);
  return link;
}

/** Asks for a sign-in link and waits for the email carrying it (one not seen before). */
export async function requestSignInLink(system: TestSystem, email: string): Promise<string> {
  const before = new Set(system.smtp.to(email));
  await system.http.post('/auth/sign-in').send({ email }).expect(202);
  const mail = await system.smtp.waitForEmail(`a sign-in email to ${email}`, (m) => m.to.includes(email.toLowerCase()) && !before.has(m) && SIGN_IN_LINK.test(m.text));
  return signInLinkIn(mail);
}

/** The path of a link, to open it through the test's HTTP client. */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}

/** The session cookie a sign-in answer set, as a Cookie header value. */
export function sessionCookieFrom(setCookie: string | string[] | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`) && !cookie.startsWith(`${SESSION_COOKIE}=;`));
  if (!session) throw new Error(`no ${SESSION_COOKIE} cookie was set (Set-Cookie: ${cookies.join(' | ')})`);
  return session.split(';')[0];
}

/**
 * Signs an employee in the way a person does: asks for a link, reads the email from the SMTP sink,
 * uses the link; then reads the session's CSRF token. For tests of pages behind the session.
 */
export async function signIn(system: TestSystem, email: string): Promise<SignedInBrowser> {
  const link = await requestSignInLink(system, email);
  const used = await system.http.post(pathOf(link)).set('Accept', 'application/json').expect(200);
  const cookie = sessionCookieFrom(used.headers['set-cookie']);
  const session = await system.http.get('/auth/session').set('Cookie', cookie).expect(200);
  return { cookie, csrfToken: session.body.csrfToken as string };
}
