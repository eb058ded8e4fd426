import { createHash } from 'node:crypto';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';

export { RISK_TYPE_COMPETITION } from '#libs/contracts';

/** The competition rules of the follow-up policy (`competition` section). */
export type CompetitionPolicy = FollowUpPolicy['competition'];

export const COMPETITION_RULES = ['competitor_losses', 'discount_drift', 'director_share', 'tier_drops'] as const;
export type CompetitionRule = (typeof COMPETITION_RULES)[number];

/** Where competition is watched: region, product line and customer type (the customer's industry); null: not recorded. */
export interface Segment {
  region: string | null;
  productLine: string | null;
  customerType: string | null;
}

/** The last windowDays against the trailingDays before them. */
export interface CompetitionWindows {
  now: Date;
  recentFrom: Date;
  trailingFrom: Date;
  windowDays: number;
  trailingDays: number;
}

const DAY_MS = 24 * 3600_000;

export function competitionWindows(now: Date, policy: CompetitionPolicy): CompetitionWindows {
  const recentFrom = new Date(now.getTime() - policy.windowDays * DAY_MS);
  return { now, recentFrom, trailingFrom: new Date(recentFrom.getTime() - policy.trailingDays * DAY_MS), windowDays: policy.windowDays, trailingDays: policy.trailingDays };
}

/** A count in the window against the trailing window's count at the same pace. */
export interface RisingCountFacts {
  recentCount: number;
  trailingCount: number;
}

/** What every rule's evidence names: the segment and the two windows. */
interface SegmentEvidence {
  segment: Segment;
  windowDays: number;
  trailingDays: number;
}

/** A rising count's evidence: the counts, what the trailing pace expects in the window, the rule's numbers. */
interface RisingCountEvidence extends SegmentEvidence, RisingCountFacts {
  /** The trailing count scaled to the window. */
  expected: number;
  factor: number;
  minimum: number;
}

export interface CompetitorLossEvidence extends RisingCountEvidence {
  contractIds: string[];
  competitors: { id: string; name: string; count: number }[];
}

export interface DiscountDriftEvidence extends SegmentEvidence {
  recentAverage: number;
  recentCount: number;
  trailingAverage: number;
  trailingCount: number;
  rise: number;
  risePoints: number;
  contractIds: string[];
  /** Average approved discount per week (from: the week's first day), oldest first. */
  series: { from: string; average: number; count: number }[];
}

export interface DirectorShareEvidence extends SegmentEvidence {
  stage: string;
  recentShare: number;
  recentCount: number;
  trailingShare: number;
  trailingCount: number;
  rise: number;
  threshold: number;
  contractIds: string[];
}

export interface TierDropEvidence extends RisingCountEvidence {
  customers: { id: string; from: string; to: string }[];
}

export type CompetitionFlag =
  | { rule: 'competitor_losses'; severity: number; evidence: CompetitorLossEvidence }
  | { rule: 'discount_drift'; severity: number; evidence: DiscountDriftEvidence }
  | { rule: 'director_share'; severity: number; evidence: DirectorShareEvidence }
  | { rule: 'tier_drops'; severity: number; evidence: TierDropEvidence };

export type CompetitionEvidence = CompetitionFlag['evidence'];

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Rising against the trailing window: at least `minimum` in the window, and at least `factor`
 * times the trailing window's count at the window's length (any count when the trailing window
 * had none). Severity: the count over what the trailing pace expects (at least 1).
 */
export function risingCount(facts: RisingCountFacts, rule: { minimum: number; factor: number }, windows: Pick<CompetitionWindows, 'windowDays' | 'trailingDays'>): { expected: number; severity: number } | null {
  const expected = (facts.trailingCount * windows.windowDays) / windows.trailingDays;
  if (facts.recentCount < rule.minimum || facts.recentCount < rule.factor * expected) return null;
  return { expected: round2(expected), severity: round2(facts.recentCount / Math.max(expected, 1)) };
}

/** Drifting up: both windows with minContracts, the recent average higher by risePoints or more; severity: the rise over the threshold. */
export function averageRise(recent: { average: number; count: number }, trailing: { average: number; count: number }, minContracts: number, threshold: number): { rise: number; severity: number } | null {
  if (recent.count < minContracts || trailing.count < minContracts) return null;
  const rise = recent.average - trailing.average;
  if (rise < threshold) return null;
  return { rise: round2(rise), severity: round2(rise / threshold) };
}

/**
 * The alert's subject: a stable uuid of the segment (RiskAlert.subjectId is a uuid; one alert per
 * segment and rule, as one per customer and rule for demand alerts).
 */
export function segmentSubjectId(segment: Segment): string {
  const hex = createHash('sha1').update(JSON.stringify(['competition', segment.region, segment.productLine, segment.customerType])).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Director {
  id: string;
  region: string | null;
  productLines: string[];
}

/** Whether a director is responsible for a segment: its region is theirs, or its product line is one of theirs (emailed, may read and act). */
export function isResponsibleFor(director: Director, segment: Segment): boolean {
  return (segment.region !== null && director.region === segment.region) || (segment.productLine !== null && director.productLines.includes(segment.productLine));
}

export function readSegment(evidence: unknown): Segment | null {
  const facts = (evidence as { facts?: { segment?: Segment } } | null)?.facts;
  return facts?.segment ?? null;
}

/** A segment's rows as the scan's statements return them (competition-scan.repository.ts). */
export interface LossFacts extends Segment, RisingCountFacts {
  contractIds: string[];
  competitorIds: string[];
}
export interface DiscountFacts extends Segment {
  recentAverage: number;
  recentCount: number;
  trailingAverage: number;
  trailingCount: number;
  contractIds: string[];
  series: { from: string; average: number; count: number }[];
}
export interface DirectorShareFacts extends Segment {
  recentCount: number;
  recentDirector: number;
  trailingCount: number;
  trailingDirector: number;
  contractIds: string[];
}
export interface TierDropFacts extends Segment, RisingCountFacts {
  customers: { id: string; from: string; to: string }[];
}

export interface CompetitionFacts {
  losses: LossFacts[];
  discounts: DiscountFacts[];
  directorShares: DirectorShareFacts[];
  tierDrops: TierDropFacts[];
  /** Competitor names by id (a retired or unknown one shows its id). */
  competitorNames: ReadonlyMap<string, string>;
}

export interface FlaggedSegment {
  subjectId: string;
  segment: Segment;
  flag: CompetitionFlag;
}

const segmentOf = ({ region, productLine, customerType }: Segment): Segment => ({ region, productLine, customerType });

function competitorsNamed(ids: string[], names: ReadonlyMap<string, string>): CompetitorLossEvidence['competitors'] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([id, count]) => ({ id, name: names.get(id) ?? id, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Every rule over the scan's rows: the segments and rules that hold, with their evidence. */
export function evaluateCompetition(facts: CompetitionFacts, policy: CompetitionPolicy, w: CompetitionWindows): FlaggedSegment[] {
  const flagged: FlaggedSegment[] = [];
  const base = { windowDays: w.windowDays, trailingDays: w.trailingDays };
  const push = (flag: CompetitionFlag) => flagged.push({ subjectId: segmentSubjectId(flag.evidence.segment), segment: flag.evidence.segment, flag });
  /** A rising count's severity and the evidence both count rules share. */
  const rising = (row: Segment & RisingCountFacts, rule: { minimum: number; factor: number }) => {
    const held = risingCount(row, rule, w);
    return held && {
      severity: held.severity,
      evidence: { segment: segmentOf(row), ...base, recentCount: row.recentCount, trailingCount: row.trailingCount, expected: held.expected, factor: rule.factor, minimum: rule.minimum },
    };
  };

  for (const row of facts.losses) {
    const held = rising(row, policy.losses);
    if (held) {
      push({ rule: 'competitor_losses', severity: held.severity, evidence: { ...held.evidence, contractIds: row.contractIds, competitors: competitorsNamed(row.competitorIds, facts.competitorNames) } });
    }
  }
  for (const row of facts.discounts) {
    const { minContracts, risePoints } = policy.discountDrift;
    const held = averageRise({ average: row.recentAverage, count: row.recentCount }, { average: row.trailingAverage, count: row.trailingCount }, minContracts, risePoints);
    if (!held) continue;
    push({
      rule: 'discount_drift', severity: held.severity,
      evidence: {
        segment: segmentOf(row), ...base, recentAverage: round2(row.recentAverage), recentCount: row.recentCount, trailingAverage: round2(row.trailingAverage), trailingCount: row.trailingCount,
        rise: held.rise, risePoints, contractIds: row.contractIds, series: row.series,
      },
    });
  }
  for (const row of facts.directorShares) {
    const { minContracts, rise: threshold, stage } = policy.directorShare;
    const recent = { average: row.recentCount > 0 ? row.recentDirector / row.recentCount : 0, count: row.recentCount };
    const trailing = { average: row.trailingCount > 0 ? row.trailingDirector / row.trailingCount : 0, count: row.trailingCount };
    const held = averageRise(recent, trailing, minContracts, threshold);
    if (!held) continue;
    push({
      rule: 'director_share', severity: held.severity,
      evidence: {
        segment: segmentOf(row), ...base, stage, recentShare: round2(recent.average), recentCount: row.recentCount, trailingShare: round2(trailing.average), trailingCount: row.trailingCount,
        rise: held.rise, threshold, contractIds: row.contractIds,
      },
    });
  }
  for (const row of facts.tierDrops) {
    const held = rising(row, policy.tierDrops);
    if (held) push({ rule: 'tier_drops', severity: held.severity, evidence: { ...held.evidence, customers: row.customers } });
  }
  return flagged;
}
