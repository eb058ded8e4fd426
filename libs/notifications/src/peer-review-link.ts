import { createHash, createHmac } from 'node:crypto';

/**
 * Peer review links (appraisal) follow the survey links: the token is derived from the
 * AppraisalPeerReview row's id when the email is rendered and only its hash is stored; their own
 * HMAC domain keeps them from ever being a valid action or survey token.
 */
export function peerReviewTokenFor(secret: string, peerReviewId: string): string {
  return createHmac('sha256', secret).update(`peer-review-link:${peerReviewId}`).digest('base64url');
}

export function hashPeerReviewToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function peerReviewUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/peer-reviews/${token}`;
}
