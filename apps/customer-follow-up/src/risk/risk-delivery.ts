export type RiskAlertStatus = 'open' | 'acknowledged' | 'snoozed';

/** Why an alert is emailed: first seen (or back after it had cleared), worse than at the last email, or still holding after the cooldown. */
export type RiskOccasion = 'new' | 'worse' | 'reminder';

/** An alert as the scan finds it (before this scan). */
export interface AlertState {
  status: RiskAlertStatus;
  /** 0 when the rule no longer held at the last scan. */
  severity: number;
  snoozedUntil: Date | null;
  lastSentAt: Date | null;
  lastSentSeverity: number | null;
}

export interface Delivery {
  status: RiskAlertStatus;
  /** Null: no email this time. */
  send: RiskOccasion | null;
  /** The snooze ended or the acknowledgement no longer covers the alert. */
  reopened: boolean;
}

const DAY_MS = 24 * 3600_000;

/**
 * A day's scan may start a little earlier in the day than the scan that sent (the sweeper, the
 * queue): within this slack the cooldown counts as elapsed, so a 14-day cooldown means the 14th
 * daily scan, not the 15th.
 */
const SCAN_SLACK_MS = 6 * 3600_000;

/**
 * What a scan does with an alert whose rule holds with `severity` at `now`:
 * - new: emailed at once;
 * - open: emailed again when worse than at the last email, else once the cooldown has passed;
 * - acknowledged: silent until it gets worse, which re-opens it and emails;
 * - snoozed: silent until `snoozedUntil`, even when it gets worse (the manager chose the date);
 *   then open again and judged as open, so a risk that got worse meanwhile is emailed at once;
 * - cleared (severity 0) and back: the acknowledgement covered the earlier episode, so it re-opens;
 *   the cooldown still applies, so a rule flapping around its threshold does not email every day.
 */
export function decideDelivery(existing: AlertState | null, severity: number, now: Date, cooldownDays: number): Delivery {
  if (!existing) return { status: 'open', send: 'new', reopened: false };
  if (existing.status === 'snoozed' && existing.snoozedUntil && existing.snoozedUntil.getTime() > now.getTime()) {
    return { status: 'snoozed', send: null, reopened: false };
  }
  const recurred = existing.severity <= 0;
  const worse = existing.lastSentSeverity === null || severity > existing.lastSentSeverity;
  const cooled = existing.lastSentAt === null || now.getTime() - existing.lastSentAt.getTime() >= cooldownDays * DAY_MS - SCAN_SLACK_MS;
  if (existing.status === 'acknowledged' && !recurred && !worse) return { status: 'acknowledged', send: null, reopened: false };
  const reopened = existing.status !== 'open';
  if (existing.lastSentAt === null) return { status: 'open', send: 'new', reopened };
  if (worse) return { status: 'open', send: recurred ? 'new' : 'worse', reopened };
  if (cooled) return { status: 'open', send: recurred ? 'new' : 'reminder', reopened };
  return { status: 'open', send: null, reopened };
}
