import type { AuditRecord } from '#libs/audit';
import { readStoredEvidence, storedEvidence } from './risk-alert-record.js';
import { decideDelivery, type RiskAlertStatus, type RiskOccasion } from './risk-delivery.js';
import type { RiskFlag } from './risk.rules.js';

/** An alert row as a slice of the scan finds it. */
export interface ExistingAlert {
  id: string;
  subjectId: string;
  rule: string;
  status: RiskAlertStatus;
  severity: number;
  snoozedUntil: Date | null;
  lastSentAt: Date | null;
  evidence: unknown;
}

export interface FlaggedCustomer {
  customerId: string;
  flag: RiskFlag;
  /** False when nobody can be emailed (the owner is not in the directory): the alert is kept, not sent. */
  emailable: boolean;
  /** The customer's owner: their countermeasure tasks. */
  ownerId: string;
}

/** The columns a scan writes for one alert (insert or update). */
export interface AlertWrite {
  id: string;
  subjectId: string;
  rule: string;
  severity: number;
  evidence: object;
  status: RiskAlertStatus;
  snoozedUntil: Date | null;
  lastSentAt: Date | null;
}

export interface PlannedSend {
  alertId: string;
  sendNumber: number;
  customerId: string;
  flag: RiskFlag;
  occasion: RiskOccasion;
}

export interface SlicePlan {
  writes: AlertWrite[];
  sends: PlannedSend[];
  audit: AuditRecord[];
  raised: number;
  cleared: number;
}

const keyOf = (subjectId: string, rule: string) => `${subjectId}|${rule}`;

/**
 * What one slice of the scan changes, decided from the alerts it found (locked) and the flags it
 * computed: every flag becomes or updates an alert; an alert whose rule no longer holds is
 * cleared (severity 0, kept with its history); emails follow decideDelivery.
 */
export function planSlice(existing: ExistingAlert[], flagged: FlaggedCustomer[], now: Date, cooldownDays: number, correlationId: string | null, newId: () => string): SlicePlan {
  const byKey = new Map(existing.map((alert) => [keyOf(alert.subjectId, alert.rule), alert]));
  const plan: SlicePlan = { writes: [], sends: [], audit: [], raised: 0, cleared: 0 };
  const audit = (entityId: string, action: string, before: object | null, after: object) =>
    plan.audit.push({ entityType: 'risk-alert', entityId, action, actorId: null, before, after, correlationId, at: now });
  const stillFlagged = new Set<string>();

  for (const { customerId, flag, emailable } of flagged) {
    const key = keyOf(customerId, flag.rule);
    stillFlagged.add(key);
    const found = byKey.get(key) ?? null;
    const stored = readStoredEvidence(found?.evidence);
    const delivery = decideDelivery(
      found && { ...found, lastSentSeverity: stored.delivery.lastSentSeverity },
      flag.severity,
      now,
      cooldownDays,
    );
    const id = found?.id ?? newId();
    const send = emailable ? delivery.send : null;
    const sends = stored.delivery.sends + (send ? 1 : 0);
    plan.writes.push({
      id,
      subjectId: customerId,
      rule: flag.rule,
      severity: flag.severity,
      evidence: storedEvidence(flag.evidence, {
        sends,
        lastSentSeverity: send ? flag.severity : stored.delivery.lastSentSeverity,
        clearedAt: null,
      }),
      status: delivery.status,
      snoozedUntil: delivery.status === 'snoozed' ? (found?.snoozedUntil ?? null) : null,
      lastSentAt: send ? now : (found?.lastSentAt ?? null),
    });
    if (!found) {
      plan.raised++;
      audit(id, 'risk-alert.raised', null, { customerId, rule: flag.rule, severity: flag.severity, evidence: flag.evidence });
    } else if (delivery.reopened) {
      audit(id, 'risk-alert.reopened', { status: found.status, severity: found.severity }, { status: delivery.status, severity: flag.severity, evidence: flag.evidence });
    }
    if (send) {
      plan.sends.push({ alertId: id, sendNumber: sends, customerId, flag, occasion: send });
      audit(id, 'risk-alert.sent', null, { occasion: send, sendNumber: sends, severity: flag.severity });
    }
  }

  for (const alert of existing) {
    if (alert.severity <= 0 || stillFlagged.has(keyOf(alert.subjectId, alert.rule))) continue;
    const stored = readStoredEvidence(alert.evidence);
    plan.cleared++;
    plan.writes.push({
      id: alert.id,
      subjectId: alert.subjectId,
      rule: alert.rule,
      severity: 0,
      evidence: storedEvidence(stored.facts, { ...stored.delivery, clearedAt: now.toISOString() }),
      status: alert.status,
      snoozedUntil: alert.snoozedUntil,
      lastSentAt: alert.lastSentAt,
    });
    audit(alert.id, 'risk-alert.cleared', { severity: alert.severity }, { severity: 0 });
  }
  return plan;
}
