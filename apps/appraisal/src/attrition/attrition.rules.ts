import { DateTime } from 'luxon';
import type { AttritionSignal, Countermeasure } from '#libs/queue';
import { parsePeriod, type Period } from '../periods/period.js';
import type { AttritionPolicyDocument } from './attrition-policy.js';

/** What the scan's statements found about one person (absent: that signal's statement returned nothing). */
export interface AttritionFacts {
  employeeId: string;
  /** The two latest scored appraisals, latest first. */
  scores?: { appraisalId: string; period: string; score: number }[];
  /** Each of the policy's completed periods for which the person has a target. */
  targets?: { period: string; targetId: string; target: number; actual: number; contractIds: string[] }[];
  /** The latest month's statement and the trailing ones before it, latest first. */
  statements?: { id: string; period: string; total: number }[];
  /** Overdue mandatory requirements not completed since (appraisal's record of training.overdue). */
  overdueTraining?: { outcomeIds: string[] };
  /** Rejections and requests for changes in the window: one per contract and round. */
  sentBack?: { count: number; contractIds: string[] };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The last `count` periods of `kind` that ended before today in `zone`, oldest first. */
export function lastCompletedPeriods(now: Date, kind: 'month' | 'quarter', count: number, zone: string): Period[] {
  const today = DateTime.fromJSDate(now, { zone });
  const current = today.startOf(kind);
  const periods: Period[] = [];
  for (let i = count; i >= 1; i--) {
    const start = current.minus(kind === 'month' ? { months: i } : { quarters: i });
    const text = kind === 'month' ? start.toFormat('yyyy-MM') : `${start.year}-Q${start.quarter}`;
    periods.push(parsePeriod(text)!);
  }
  return periods;
}

function scoreDrop(facts: AttritionFacts, policy: NonNullable<AttritionPolicyDocument['scoreDrop']>): AttritionSignal | null {
  const [latest, previous] = facts.scores ?? [];
  if (!latest || !previous) return null;
  const drop = round2(previous.score - latest.score);
  if (drop < policy.minDropPoints) return null;
  return {
    signal: 'score_drop',
    numbers: { previous: previous.score, previousPeriod: previous.period, latest: latest.score, latestPeriod: latest.period, drop, minDrop: policy.minDropPoints },
    sources: [previous, latest].map((a) => ({ kind: 'appraisal', id: a.appraisalId })),
  };
}

/** Every one of the periods must have a target and miss it: a period without a target breaks the streak. */
function missedTargets(facts: AttritionFacts, policy: NonNullable<AttritionPolicyDocument['missedTargets']>, periods: Period[]): AttritionSignal | null {
  const byPeriod = new Map((facts.targets ?? []).map((t) => [t.period, t]));
  const streak = periods.map((p) => byPeriod.get(p.text));
  if (streak.some((t) => !t || t.target <= 0)) return null;
  const rows = streak.map((t) => ({ ...t!, pct: round2((t!.actual / t!.target) * 100) }));
  if (rows.some((r) => r.pct >= policy.belowPct)) return null;
  return {
    signal: 'missed_targets',
    numbers: { periods: rows.length, periodKind: policy.periodKind, belowPct: policy.belowPct, attainments: rows.map((r) => `${r.period} ${r.pct}%`).join(', ') },
    sources: rows.flatMap((r) => [{ kind: 'sales-target', id: r.targetId }, ...r.contractIds.map((id) => ({ kind: 'contract', id }))]),
  };
}

function commissionDrop(facts: AttritionFacts, policy: NonNullable<AttritionPolicyDocument['commissionDrop']>): AttritionSignal | null {
  const [latest, ...before] = facts.statements ?? [];
  if (!latest || before.length < policy.trailing) return null;
  const trailing = before.slice(0, policy.trailing);
  const average = trailing.reduce((sum, s) => sum + s.total, 0) / trailing.length;
  if (average <= 0) return null;
  const ratioPct = round2((latest.total / average) * 100);
  if (ratioPct >= policy.belowPct) return null;
  return {
    signal: 'commission_drop',
    numbers: { latest: latest.total, latestPeriod: latest.period, trailingAverage: round2(average), trailing: policy.trailing, ratioPct, belowPct: policy.belowPct },
    sources: [latest, ...trailing].map((s) => ({ kind: 'commission-statement', id: s.id })),
  };
}

function trainingOverdue(facts: AttritionFacts, policy: NonNullable<AttritionPolicyDocument['trainingOverdue']>): AttritionSignal | null {
  const ids = facts.overdueTraining?.outcomeIds ?? [];
  if (ids.length < policy.minimum) return null;
  return { signal: 'training_overdue', numbers: { count: ids.length, minimum: policy.minimum }, sources: ids.map((id) => ({ kind: 'training-outcome', id })) };
}

function contractsSentBack(facts: AttritionFacts, policy: NonNullable<AttritionPolicyDocument['contractsSentBack']>): AttritionSignal | null {
  const sentBack = facts.sentBack;
  if (!sentBack || sentBack.count < policy.minimum) return null;
  return {
    signal: 'contracts_sent_back',
    numbers: { count: sentBack.count, contracts: sentBack.contractIds.length, windowDays: policy.windowDays, minimum: policy.minimum },
    sources: sentBack.contractIds.map((id) => ({ kind: 'contract', id })),
  };
}

/** The signals that hold for one person; they are flagged when at least policy.minSignals do. */
export function attritionSignals(facts: AttritionFacts, policy: AttritionPolicyDocument, targetPeriods: Period[]): AttritionSignal[] {
  const signals = [
    policy.scoreDrop && scoreDrop(facts, policy.scoreDrop),
    policy.missedTargets && missedTargets(facts, policy.missedTargets, targetPeriods),
    policy.commissionDrop && commissionDrop(facts, policy.commissionDrop),
    policy.trainingOverdue && trainingOverdue(facts, policy.trainingOverdue),
    policy.contractsSentBack && contractsSentBack(facts, policy.contractsSentBack),
  ];
  return signals.filter((s): s is AttritionSignal => Boolean(s));
}

export function isFlagged(signals: AttritionSignal[], policy: AttritionPolicyDocument): boolean {
  return signals.length >= policy.minSignals;
}

/** The handbook's countermeasures for attrition, in the order the manager should take them. */
export function countermeasures(policy: AttritionPolicyDocument): Countermeasure[] {
  return [
    { kind: 'conversation', within: policy.countermeasures.conversation },
    { kind: 'pay_promotion_review', within: policy.countermeasures.payPromotionReview },
    { kind: 'development_plan', within: policy.countermeasures.developmentPlan },
  ];
}
