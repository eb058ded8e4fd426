import { createHash, createHmac } from 'node:crypto';

/**
 * Email links are single-use and stored hashed. The raw token is never written anywhere: it is
 * derived from the token row's id with the email-link key (LINK_SECRET, see #libs/config) when the email is rendered, so the
 * ledger's data snapshot holds only the id, and a resend carries the same link.
 */
export function actionTokenFor(secret: string, tokenId: string): string {
  return createHmac('sha256', secret).update(`action-link:${tokenId}`).digest('base64url');
}

export function hashActionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function actionUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/actions/${token}`;
}
