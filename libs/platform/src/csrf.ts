import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a page or script hands the CSRF token back: a header (scripts) or a form field (pages). */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/**
 * The CSRF token of a browser session: an HMAC of the session (its stored hash, never the cookie's
 * secret) under the server's key, in its own HMAC domain. A cross-site page can make the browser
 * send the session cookie but can read neither the cookie nor this token, so a state-changing
 * request carrying it came from one of our pages (a synchronizer token that needs no storage).
 */
export function csrfTokenFor(secret: string, sessionKey: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionKey}`).digest('base64url');
}

/** Compared in constant time; anything but the session's token (missing, another session's) is false. */
export function csrfTokenMatches(secret: string, sessionKey: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(secret, sessionKey));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hidden form field carrying the token, for a server-rendered form. */
export function csrfHiddenInput(token: string): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${token.replace(/[^A-Za-z0-9_-]/g, '')}">`;
}
