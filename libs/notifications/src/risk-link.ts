import { createHash, createHmac } from 'node:crypto';

/**
 * Risk digest links (acknowledge, snooze) follow the approval links (action-link.ts): the token is
 * derived from the RiskLinkToken row's id with the email-link key when the email is rendered, and
 * only its hash is stored. A separate HMAC domain keeps it from being any other link's token.
 */
export function riskLinkTokenFor(secret: string, tokenId: string): string {
  return createHmac('sha256', secret).update(`risk-link:${tokenId}`).digest('base64url');
}

export function hashRiskLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function riskLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/risk-links/${token}`;
}
