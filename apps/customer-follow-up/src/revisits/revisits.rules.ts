import type { CustomerStatus, CustomerTier } from '#generated/prisma';
import { addWorkingDays } from '#libs/time';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';
import type { CalendarContext } from './local-days.js';

export const VISIT_KINDS = { regular: 'regular', postSigning: 'post_signing' } as const;

/** Customers that are revisited on a cadence; dormant and lost ones are not. */
export const PLANNED_STATUSES: readonly CustomerStatus[] = ['prospect', 'active'];
const TIERS: readonly CustomerTier[] = ['A', 'B', 'C'];

export interface PlannedVisitFacts {
  id: string;
  kind: string;
  ownerId: string;
  dueAt: Date;
}

/** What deciding a customer's plan reads: the customer now and its planned visits of every kind. */
export interface CustomerPlanFacts {
  status: CustomerStatus;
  tier: CustomerTier;
  ownerId: string;
  /** The last completed visit, or the customer's creation: the cadence counts from here. */
  base: Date;
  planned: PlannedVisitFacts[];
}

export interface PlanDecision {
  cancel: { visitIds: string[]; reason: string } | null;
  /** Planned visits that stay and must follow the customer's current owner. */
  handOver: string[];
  /** The due time of a regular visit to create. */
  create: Date | null;
  move: { visitId: string; from: Date; to: Date } | null;
}

export type CadenceDue = (base: Date, tier: CustomerTier) => Date;

/** `cadenceDays[tier]` of the owner's working days after `base`. */
export function cadenceDueIn(context: CalendarContext, policy: FollowUpPolicy): CadenceDue {
  return (base, tier) => addWorkingDays(base, policy.cadenceDays[tier], context.calendar, context.zone);
}

/**
 * cadenceDueIn that computes each (base, tier) once: the customers of an import batch share their
 * creation instant, and counting working days costs about a millisecond each.
 */
export function memoizedCadenceDueIn(context: CalendarContext, policy: FollowUpPolicy): CadenceDue {
  const cadenceDue = cadenceDueIn(context, policy);
  const known = new Map<string, Date>();
  return (base, tier) => {
    const key = `${base.getTime()}|${tier}`;
    let due = known.get(key);
    if (!due) {
      due = cadenceDue(base, tier);
      known.set(key, due);
    }
    return due;
  };
}

/** When the overdue escalation of a visit due at `dueAt` is due, in the owner's working days. */
export function escalationDueAt(dueAt: Date, context: CalendarContext, policy: FollowUpPolicy): Date {
  return addWorkingDays(dueAt, policy.overdueEscalationWorkingDays, context.calendar, context.zone);
}

/**
 * The changes that make a customer's plan right: an active or prospect customer has exactly one
 * planned regular visit, at its cadence after `base`; a dormant one has no regular visit (one-off
 * visits stay); a lost one has no planned visit at all. Planned visits follow the current owner.
 *
 * A regular visit whose due time another tier's cadence explains was planned before the tier
 * changed: it moves to the new cadence. One no cadence explains was chosen by a person
 * (nextVisitAt) and stays.
 */
export function decidePlan(facts: CustomerPlanFacts, cadenceDue: CadenceDue): PlanDecision {
  const isRegular = (visit: PlannedVisitFacts) => visit.kind === VISIT_KINDS.regular;
  const cancelled = facts.status === 'lost' ? facts.planned : PLANNED_STATUSES.includes(facts.status) ? [] : facts.planned.filter(isRegular);
  const kept = facts.planned.filter((visit) => !cancelled.includes(visit));
  const decision: PlanDecision = {
    cancel: cancelled.length > 0 ? { visitIds: cancelled.map((v) => v.id), reason: `customer is ${facts.status}` } : null,
    handOver: kept.filter((v) => v.ownerId !== facts.ownerId).map((v) => v.id),
    create: null,
    move: null,
  };
  if (!PLANNED_STATUSES.includes(facts.status)) return decision;
  const due = cadenceDue(facts.base, facts.tier);
  const current = kept.filter(isRegular).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (!current) return { ...decision, create: due };
  if (current.dueAt.getTime() === due.getTime()) return decision;
  const byAnotherTier = TIERS.some((tier) => tier !== facts.tier && cadenceDue(facts.base, tier).getTime() === current.dueAt.getTime());
  return byAnotherTier ? { ...decision, move: { visitId: current.id, from: current.dueAt, to: due } } : decision;
}
