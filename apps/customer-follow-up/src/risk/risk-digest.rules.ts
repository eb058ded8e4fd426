import type { FollowUpPolicy } from '../policy/follow-up-policy.js';

/** Each manager's digest goes out at this local time on their working days (bulk queue). */
export const RISK_DIGEST_LOCAL_TIME = '08:00';
/** Alerts listed in full; the rest are counted. */
export const RISK_DIGEST_TOP = 10;
/** A digest link snoozes its alert for this many days; links expire after as many. */
export const RISK_LINK_SNOOZE_DAYS = 7;
export const RISK_LINK_TTL_DAYS = 7;
export const DEFAULT_CRITICAL_SEVERITY = 3;

/** One digest per manager per local date: the timer's unique key and the email's idempotency key. */
export function riskDigestKey(managerId: string, localDate: string): string {
  return `risk-digest:${managerId}:${localDate}`;
}

/**
 * An alert of at least the policy's `risk.criticalSeverity` (default 3) is still emailed at once
 * on its own; the others wait for the recipients' digest. 0 makes every alert critical.
 */
export function isCritical(severity: number, policy: FollowUpPolicy): boolean {
  return severity >= (policy.risk.criticalSeverity ?? DEFAULT_CRITICAL_SEVERITY);
}

export interface RankedAlert {
  id: string;
  severity: number;
  createdAt: Date;
}

/** Worst first: severity, then the oldest, then the id (a stable order). */
export function compareAlerts(a: RankedAlert, b: RankedAlert): number {
  return b.severity - a.severity || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}
