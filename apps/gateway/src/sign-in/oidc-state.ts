import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the authorization request committed to, kept in a short-lived cookie until the provider calls back. */
export interface OidcState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch milliseconds after which the callback is refused. */
  expiresAt: number;
}

/** Signed (HMAC under the link key, in its own domain) so the browser can carry it but not alter it. */
export function sealOidcState(secret: string, value: OidcState): string {
  const body = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${body}.${signature(secret, body)}`;
}

/** The state, or undefined when the cookie is missing, altered or expired. */
export function openOidcState(secret: string, sealed: string | undefined, now: number): OidcState | undefined {
  const [body, given] = (sealed ?? '').split('.');
  if (!body || !given) return undefined;
  const expected = Buffer.from(signature(secret, body));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OidcState;
  return value.expiresAt > now ? value : undefined;
}

function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`oidc-state:${body}`).digest('base64url');
}
