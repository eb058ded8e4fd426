import type { CompetitionEvidence } from './competition.rules.js';
import type { RiskEvidence } from './risk.rules.js';

/** The numbers of an alert's rule, as its scan wrote them. */
export type StoredFacts = RiskEvidence | CompetitionEvidence;

/** How often and at which severity an alert was emailed, and when its rule stopped holding. */
export interface DeliveryRecord {
  sends: number;
  lastSentSeverity: number | null;
  clearedAt: string | null;
}

/**
 * What `RiskAlert.evidence` holds: the numbers of the last time the rule held, plus the delivery
 * record. The schema has no columns for the send count and the severity last emailed yet (asked
 * of the lead: `sendCount Int @default(0)`, `lastSentSeverity Float?`, `clearedAt DateTime?`);
 * until then they ride along here, read and written only through this file.
 */
export interface StoredEvidence {
  facts: StoredFacts | null;
  delivery: DeliveryRecord;
}

const NO_DELIVERY: DeliveryRecord = { sends: 0, lastSentSeverity: null, clearedAt: null };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readStoredEvidence(json: unknown): StoredEvidence {
  if (!isObject(json)) return { facts: null, delivery: NO_DELIVERY };
  const delivery = isObject(json.delivery) ? json.delivery : {};
  return {
    facts: isObject(json.facts) ? (json.facts as unknown as StoredFacts) : null,
    delivery: {
      sends: typeof delivery.sends === 'number' ? delivery.sends : 0,
      lastSentSeverity: typeof delivery.lastSentSeverity === 'number' ? delivery.lastSentSeverity : null,
      clearedAt: typeof delivery.clearedAt === 'string' ? delivery.clearedAt : null,
    },
  };
}

export function storedEvidence(facts: StoredFacts | null, delivery: DeliveryRecord): StoredEvidence {
  return { facts, delivery };
}

/** The email key of an alert's n-th email: one email per send, ever. */
export function riskAlertEmailKey(alertId: string, sendNumber: number): string {
  return `risk-alert:${alertId}:${sendNumber}`;
}
