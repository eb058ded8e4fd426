import type { AttritionFlag, AttritionSignal } from '#libs/queue';
import { readStoredEvidence, type DeliveryRecord } from './risk-alert-record.js';
import { decideDelivery, type RiskAlertStatus, type RiskOccasion } from './risk-delivery.js';

export { RISK_TYPE_ATTRITION } from '#libs/contracts';

/** One alert per person: the rule names the risk as a whole, the signals are its evidence. */
export const ATTRITION_RULE = 'attrition_signals';

/** What an attrition alert's evidence shows: the signals of the last flag, with their numbers and records. */
export interface AttritionEvidence {
  signals: AttritionSignal[];
  policyVersion: number;
  scannedAt: string;
}

/** RiskAlert.evidence of an attrition alert: the evidence, the delivery record, and the event last applied. */
export interface StoredAttritionEvidence {
  facts: AttritionEvidence;
  delivery: DeliveryRecord;
  eventId: string;
}

export interface ExistingAttritionAlert {
  id: string;
  status: RiskAlertStatus;
  severity: number;
  snoozedUntil: Date | null;
  lastSentAt: Date | null;
  evidence: unknown;
}

export interface AttritionAlertPlan {
  /** The event was applied already, or a later scan's was (a redelivery arriving late): nothing to do. */
  duplicate: boolean;
  status: RiskAlertStatus;
  snoozedUntil: Date | null;
  lastSentAt: Date | null;
  evidence: StoredAttritionEvidence;
  /** Null: no email this time (cooldown, snooze, acknowledged, or nobody to ask). */
  send: { occasion: RiskOccasion; sendNumber: number } | null;
  reopened: boolean;
}

/** The event and scan the alert's evidence last came from. */
function appliedFlag(evidence: unknown): { eventId: string; scannedAt: string } | null {
  if (typeof evidence !== 'object' || evidence === null) return null;
  const { eventId, facts } = evidence as { eventId?: unknown; facts?: { scannedAt?: unknown } };
  return typeof eventId === 'string' && typeof facts?.scannedAt === 'string' ? { eventId, scannedAt: facts.scannedAt } : null;
}

/**
 * What one flag does to the person's alert, exactly as for demand alerts (decideDelivery): new ones
 * are emailed, open ones again when worse (more signals) or after the cooldown, snoozed ones not
 * before their date, acknowledged ones only when worse. `emailable` is false when the person has
 * no manager to ask, or the alert is below the critical severity (it waits for the daily digest):
 * the alert is kept, not sent.
 */
export function planAttritionAlert(found: ExistingAttritionAlert | null, flag: AttritionFlag & { eventId: string }, emailable: boolean): AttritionAlertPlan {
  const now = new Date(flag.scannedAt);
  const stored = readStoredEvidence(found?.evidence);
  const applied = appliedFlag(found?.evidence);
  const delivery = decideDelivery(found && { ...found, lastSentSeverity: stored.delivery.lastSentSeverity }, flag.severity, now, flag.cooldownDays);
  const occasion = emailable ? delivery.send : null;
  const sends = stored.delivery.sends + (occasion ? 1 : 0);
  return {
    duplicate: applied !== null && (applied.eventId === flag.eventId || applied.scannedAt > flag.scannedAt),
    status: delivery.status,
    snoozedUntil: delivery.status === 'snoozed' ? (found?.snoozedUntil ?? null) : null,
    lastSentAt: occasion ? now : (found?.lastSentAt ?? null),
    evidence: {
      facts: { signals: flag.signals, policyVersion: flag.policyVersion, scannedAt: flag.scannedAt },
      delivery: { sends, lastSentSeverity: occasion ? flag.severity : stored.delivery.lastSentSeverity, clearedAt: null },
      eventId: flag.eventId,
    },
    send: occasion ? { occasion, sendNumber: sends } : null,
    reopened: delivery.reopened,
  };
}
