import { createHash, createHmac } from 'node:crypto';

/**
 * Sign-in links follow the other email links: the token is derived from the SignInLink row's id
 * with the email-link key when the email is rendered and only its hash is stored; their own HMAC
 * domain keeps them from ever being a valid action, survey or peer-review token.
 */
export function signInTokenFor(secret: string, signInLinkId: string): string {
  return createHmac('sha256', secret).update(`sign-in-link:${signInLinkId}`).digest('base64url');
}

export function hashSignInToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function signInUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/auth/link/${token}`;
}
