import { createHash, createHmac } from 'node:crypto';

/**
 * Survey links follow the approval links (action-link.ts): the token is derived from the Survey
 * row's id with the email-link key (LINK_SECRET, see #libs/config) when the email is rendered, and only its hash is stored. A
 * separate HMAC domain keeps a survey token from ever being a valid action token, and vice versa.
 */
export function surveyTokenFor(secret: string, surveyId: string): string {
  return createHmac('sha256', secret).update(`survey-link:${surveyId}`).digest('base64url');
}

export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function surveyUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/surveys/${token}`;
}
