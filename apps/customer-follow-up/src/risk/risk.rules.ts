import type { FollowUpPolicy } from '../policy/follow-up-policy.js';

/** The customer-demand-change rules of the follow-up policy (`risk` section). */
export type RiskPolicy = FollowUpPolicy['risk'];

export { RISK_TYPE_CUSTOMER_DEMAND } from '#libs/contracts';

export const CUSTOMER_RISK_RULES = ['satisfaction_trend', 'complaint_spike', 'no_recent_contract', 'no_recent_visit'] as const;
export type CustomerRiskRule = (typeof CUSTOMER_RISK_RULES)[number];

/** Average satisfaction (survey scores and visit ratings, 1-5) of the last window against the window before it. */
export interface SatisfactionEvidence {
  windowDays: number;
  recentAverage: number;
  recentCount: number;
  previousAverage: number;
  previousCount: number;
  drop: number;
  threshold: number;
}

export interface ComplaintEvidence {
  windowDays: number;
  recentCount: number;
  previousCount: number;
  factor: number;
  minimum: number;
}

export interface ContractEvidence {
  /** ISO instant of the last approved contract; null when there never was one (counted from the customer's creation). */
  lastApprovedAt: string | null;
  days: number;
  thresholdDays: number;
}

export interface VisitEvidence {
  /** ISO instant of the last completed visit; null when there never was one (counted from the customer's creation). */
  lastCompletedAt: string | null;
  workingDays: number;
  cadenceDays: number;
  factor: number;
  thresholdWorkingDays: number;
}

/** One rule holding for one customer; severity grows as the risk gets worse. */
export type RiskFlag =
  | { rule: 'satisfaction_trend'; severity: number; evidence: SatisfactionEvidence }
  | { rule: 'complaint_spike'; severity: number; evidence: ComplaintEvidence }
  | { rule: 'no_recent_contract'; severity: number; evidence: ContractEvidence }
  | { rule: 'no_recent_visit'; severity: number; evidence: VisitEvidence };

export type RiskEvidence = RiskFlag['evidence'];

/** What the scan's aggregates say about one customer (null: no data, or the rule does not apply). */
export interface CustomerRiskFacts {
  tier: 'A' | 'B' | 'C';
  status: 'prospect' | 'active' | 'dormant' | 'lost';
  createdAt: Date;
  satisfaction: { recentAverage: number | null; recentCount: number; previousAverage: number | null; previousCount: number };
  complaints: { recent: number; previous: number };
  lastApprovedContractAt: Date | null;
  lastCompletedVisitAt: Date | null;
  /** Working days of the owner's calendar since the last completed visit (or creation); null when not counted. */
  workingDaysSinceVisit: number | null;
}

const DAY_MS = 24 * 3600_000;

/** Customers the A-tier rules watch: the ones that are revisited and expected to buy. */
const WATCHED_STATUSES: ReadonlySet<CustomerRiskFacts['status']> = new Set(['prospect', 'active']);

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The instants the rules compare against, for one scan at `now`. */
export interface RiskWindows {
  now: Date;
  satisfactionFrom: Date;
  satisfactionSplit: Date;
  complaintsFrom: Date;
  complaintsSplit: Date;
  /** An A-tier customer without an approved contract since this instant is flagged. */
  contractsBefore: Date;
  /**
   * Necessary (not sufficient) condition of the no-visit rule, in calendar days: N working days
   * span at least N - 1 calendar days, so the database can pre-select; the working days decide.
   */
  visitsBeforeAtLeast: Date;
}

export function riskWindows(now: Date, policy: RiskPolicy, cadenceDaysA: number): RiskWindows {
  const back = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const thresholdWorkingDays = policy.noVisitCadenceFactor * cadenceDaysA;
  return {
    now,
    satisfactionFrom: back(2 * policy.satisfactionWindowDays),
    satisfactionSplit: back(policy.satisfactionWindowDays),
    complaintsFrom: back(2 * policy.complaintWindowDays),
    complaintsSplit: back(policy.complaintWindowDays),
    contractsBefore: back(policy.noContractDays),
    visitsBeforeAtLeast: back(Math.max(0, Math.ceil(thresholdWorkingDays) - 1)),
  };
}

/** The last window's average is at least `satisfactionDrop` below the previous window's; both windows need ratings. */
export function satisfactionTrend(facts: CustomerRiskFacts, policy: RiskPolicy): RiskFlag | null {
  const { recentAverage, recentCount, previousAverage, previousCount } = facts.satisfaction;
  if (recentAverage === null || previousAverage === null || recentCount === 0 || previousCount === 0) return null;
  const drop = round2(previousAverage - recentAverage);
  // Rounded first, so a drop shown as 1 is never refused against a threshold of 1 by a float residue.
  if (drop < policy.satisfactionDrop) return null;
  return {
    rule: 'satisfaction_trend',
    severity: drop,
    evidence: {
      windowDays: policy.satisfactionWindowDays,
      recentAverage: round2(recentAverage),
      recentCount,
      previousAverage: round2(previousAverage),
      previousCount,
      drop,
      threshold: policy.satisfactionDrop,
    },
  };
}

/** At least `complaintSpikeFactor` times the previous window's complaints, and at least `complaintSpikeMinimum`. */
export function complaintSpike(facts: CustomerRiskFacts, policy: RiskPolicy): RiskFlag | null {
  const { recent, previous } = facts.complaints;
  if (recent < policy.complaintSpikeMinimum || recent < policy.complaintSpikeFactor * previous) return null;
  return {
    rule: 'complaint_spike',
    severity: recent,
    evidence: { windowDays: policy.complaintWindowDays, recentCount: recent, previousCount: previous, factor: policy.complaintSpikeFactor, minimum: policy.complaintSpikeMinimum },
  };
}

/**
 * An A-tier customer without an approved contract for `noContractDays`. Severity counts the
 * whole periods elapsed (1 at 90 days, 2 at 180...), so it grows in steps worth a new email,
 * not every day.
 */
export function noRecentContract(facts: CustomerRiskFacts, policy: RiskPolicy, now: Date): RiskFlag | null {
  if (facts.tier !== 'A' || !WATCHED_STATUSES.has(facts.status)) return null;
  const since = facts.lastApprovedContractAt ?? facts.createdAt;
  const days = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  if (days < policy.noContractDays) return null;
  return {
    rule: 'no_recent_contract',
    severity: Math.floor(days / policy.noContractDays),
    evidence: { lastApprovedAt: facts.lastApprovedContractAt?.toISOString() ?? null, days, thresholdDays: policy.noContractDays },
  };
}

/**
 * An A-tier customer without a completed visit for `noVisitCadenceFactor` times the A cadence,
 * in the owner's working days. Severity counts the cadences missed (2 at twice the cadence, then 3...).
 */
export function noRecentVisit(facts: CustomerRiskFacts, policy: RiskPolicy, cadenceDaysA: number): RiskFlag | null {
  if (facts.tier !== 'A' || !WATCHED_STATUSES.has(facts.status) || facts.workingDaysSinceVisit === null) return null;
  const threshold = round2(policy.noVisitCadenceFactor * cadenceDaysA);
  if (facts.workingDaysSinceVisit < threshold) return null;
  return {
    rule: 'no_recent_visit',
    severity: Math.floor(facts.workingDaysSinceVisit / cadenceDaysA),
    evidence: {
      lastCompletedAt: facts.lastCompletedVisitAt?.toISOString() ?? null,
      workingDays: facts.workingDaysSinceVisit,
      cadenceDays: cadenceDaysA,
      factor: policy.noVisitCadenceFactor,
      thresholdWorkingDays: threshold,
    },
  };
}

/** Every rule that holds for the customer at `now`. Lost customers are never flagged. */
export function evaluateCustomerRisk(facts: CustomerRiskFacts, policy: RiskPolicy, cadenceDaysA: number, now: Date): RiskFlag[] {
  if (facts.status === 'lost') return [];
  return [satisfactionTrend(facts, policy), complaintSpike(facts, policy), noRecentContract(facts, policy, now), noRecentVisit(facts, policy, cadenceDaysA)].filter(
    (flag): flag is RiskFlag => flag !== null,
  );
}

/** Whether the no-visit rule needs the owner's working days for this customer (the database pre-selected it). */
export function needsVisitCount(facts: Pick<CustomerRiskFacts, 'tier' | 'status'>): boolean {
  return facts.tier === 'A' && WATCHED_STATUSES.has(facts.status);
}
