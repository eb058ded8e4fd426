import { createHmac, timingSafeEqual } from 'node:crypto';

export type RiskLinkAction = 'acknowledge' | 'snooze';

/** What a risk digest link grants: one action on one alert, to the manager it was sent to, from one day's digest. */
export interface RiskLinkGrant {
  alertId: string;
  employeeId: string;
  action: RiskLinkAction;
  /** The digest's local date (YYYY-MM-DD): a link is single-use per alert, manager, action and digest. */
  localDate: string;
  expiresAt: Date;
}

const VERSION = 1;
const ACTIONS: readonly RiskLinkAction[] = ['acknowledge', 'snooze'];
const PAYLOAD_BYTES = 1 + 16 + 16 + 1 + 4 + 4;
const MAC_BYTES = 32;

/**
 * Risk digest links carry their grant, signed, instead of naming a stored row: a digest offers
 * twenty links per manager and day, and storing each (as the approval links do) wrote 40,000 rows
 * for 2,000 managers every morning, most never used. The token is the grant (version, alert,
 * manager, action, local date, expiry: 42 bytes) and its HMAC under the email-link key
 * (LINK_SECRET) in a domain of its own, base64url; only a use is stored (RiskLinkUse), which makes
 * it single-use. The notifier signs the grant when it renders the email, so the ledger's snapshot
 * holds no token; a resend carries the same links.
 */
export function riskLinkTokenFor(secret: string, grant: RiskLinkGrant): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(VERSION, 0);
  Buffer.from(grant.alertId.replaceAll('-', ''), 'hex').copy(payload, 1);
  Buffer.from(grant.employeeId.replaceAll('-', ''), 'hex').copy(payload, 17);
  payload.writeUInt8(ACTIONS.indexOf(grant.action), 33);
  payload.writeUInt32BE(Number(grant.localDate.replaceAll('-', '')), 34);
  payload.writeUInt32BE(Math.floor(grant.expiresAt.getTime() / 1000), 38);
  return Buffer.concat([payload, mac(secret, payload)]).toString('base64url');
}

/** The grant a token carries, or null when it is not one this key signed (malformed, altered, another link's token). */
export function readRiskLinkToken(secret: string, token: string): RiskLinkGrant | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) return null;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), mac(secret, payload))) return null;
  const action = ACTIONS[payload.readUInt8(33)];
  if (payload.readUInt8(0) !== VERSION || !action) return null;
  const date = String(payload.readUInt32BE(34)).padStart(8, '0');
  return {
    alertId: uuidOf(payload.subarray(1, 17)),
    employeeId: uuidOf(payload.subarray(17, 33)),
    action,
    localDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
    expiresAt: new Date(payload.readUInt32BE(38) * 1000),
  };
}

export function riskLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/risk-links/${token}`;
}

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update('risk-link:').update(payload).digest();
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
