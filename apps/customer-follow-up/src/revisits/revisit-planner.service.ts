import { Injectable, Logger } from '@nestjs/common';
import type { CustomerTier } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import type { CustomerRow as Customer, EmployeeRow as Employee, VisitRow as Visit } from '../rows.js';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { DigestTimers } from './digest-timers.service.js';
import type { CalendarContext } from './local-days.js';
import { overdueTimerKey, RevisitPlanKeeper } from './revisit-plan-keeper.service.js';
import { cadenceDueIn, escalationDueAt, PLANNED_STATUSES, VISIT_KINDS } from './revisits.rules.js';
import { RevisitsRepository } from './revisits.repository.js';

export { overdueTimerKey } from './revisit-plan-keeper.service.js';
export { VISIT_KINDS } from './revisits.rules.js';

/** What planning a customer's visits needs: the current owner, their calendar, the policy. */
interface PlanContext {
  owner: Employee;
  context: CalendarContext;
  policy: FollowUpPolicy;
  now: Date;
}

/**
 * Keeps every active customer's revisit plan: exactly one planned regular visit, due
 * `cadenceDays[tier]` of the owner's working days after the last completed visit (or after the
 * customer was created). Every planned visit carries an overdue-escalation timer, and its owner a
 * digest chain.
 *
 * Ownership: the customer's current `ownerId` is the truth. Lists, digests and escalations read
 * visits through it, so a new owner takes over at once; `Visit.ownerId` of planned visits is
 * brought in line whenever the plan is touched (ensurePlanned), and of done visits records who
 * owned the customer then.
 */
@Injectable()
export class RevisitPlanner {
  private readonly logger = new Logger(RevisitPlanner.name);

  constructor(
    private readonly repository: RevisitsRepository,
    private readonly keeper: RevisitPlanKeeper,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly timers: TimerWriter,
    private readonly digestTimers: DigestTimers,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes the customer's plan right, in the caller's transaction (customer create, import, owner,
   * tier or status change): see decidePlan. Returns the planned regular visit, or null when there
   * is none. Import batches use RevisitPlanKeeper.keep directly, for all their customers at once.
   */
  async ensurePlanned(tx: Tx, customerId: string, correlationId: string | null = null): Promise<Visit | null> {
    const customer = await this.repository.lockCustomer(tx, customerId);
    if (!customer) return null;
    await this.keeper.keep(tx, [customer.id], correlationId);
    const [regular] = await this.repository.plannedOfKind(tx, customer.id, VISIT_KINDS.regular);
    return regular ?? null;
  }

  /**
   * After a completed visit: the next regular visit at `nextVisitAt`, or `cadenceDays[tier]`
   * working days after the completion. The caller holds the customer's lock.
   */
  async scheduleNext(tx: Tx, customer: Customer, completedAt: Date, nextVisitAt: Date | null, correlationId: string | null): Promise<Visit | null> {
    const regular = await this.repository.plannedOfKind(tx, customer.id, VISIT_KINDS.regular);
    const plan = await this.planContext(tx, customer);
    if (!plan) return null;
    if (!PLANNED_STATUSES.includes(customer.status)) {
      await this.cancel(tx, customer, regular, `customer is ${customer.status}`, correlationId);
      return null;
    }
    const [current, ...duplicates] = regular;
    await this.cancel(tx, customer, duplicates, 'duplicate regular visit', correlationId);
    const due = nextVisitAt ?? this.cadenceDue(completedAt, customer.tier, plan);
    if (!current) return this.create(tx, customer, plan, VISIT_KINDS.regular, due, correlationId);
    return this.move(tx, customer, { ...current, ownerId: plan.owner.id }, due, plan, correlationId);
  }

  /**
   * Plans a visit of any kind (post-signing, at-risk...) for the customer's current owner, once per
   * source (the contract, the survey answer) and kind, with its overdue escalation and the owner's
   * digest chain, in the caller's transaction: see RevisitPlanKeeper.planSourced, which books many
   * at once. The caller holds the customer's lock. Null when the customer's owner is not in the
   * directory, or when the source's visit exists already.
   */
  async planVisit(tx: Tx, customer: Customer, kind: string, dueAt: Date, correlationId: string | null, sourceId: string): Promise<Visit | null> {
    return (await this.keeper.planSourced(tx, [{ customer, kind, dueAt, sourceId }], correlationId)).get(sourceId) ?? null;
  }

  /** Every planned visit of the customer is cancelled (the customer was lost). The caller holds the lock. */
  async cancelAll(tx: Tx, customer: Customer, reason: string, correlationId: string | null): Promise<void> {
    await this.cancel(tx, customer, await this.repository.planned(tx, customer.id), reason, correlationId);
  }

  /** When the overdue escalation is due for a visit due at `dueAt`, in the owner's working days. */
  escalationDue(dueAt: Date, context: CalendarContext, policy: FollowUpPolicy): Date {
    return escalationDueAt(dueAt, context, policy);
  }

  /** Re-arms a visit's overdue timer at its (new) escalation time, whether or not it fired before. */
  async armOverdue(tx: Tx, visit: Visit, context: CalendarContext, policy: FollowUpPolicy, correlationId: string | null): Promise<void> {
    const dueAt = this.escalationDue(visit.dueAt, context, policy);
    const uniqueKey = overdueTimerKey(visit.id);
    // A fired timer is reset rather than replaced: the key stays "once per visit", and the handler
    // re-checks the visit, so an old firing still in flight does nothing.
    if (!(await this.repository.rearmTimer(tx, uniqueKey, dueAt))) {
      await this.timers.arm(tx, { kind: JOBS.visitEscalateOverdue, queue: QUEUES.followUpUrgent, subjectId: visit.id, dueAt, uniqueKey, correlationId });
    }
  }

  private cadenceDue(base: Date, tier: CustomerTier, plan: PlanContext): Date {
    return cadenceDueIn(plan.context, plan.policy)(base, tier);
  }

  private async planContext(tx: Tx, customer: Customer): Promise<PlanContext | null> {
    const owner = await this.directory.findById(customer.ownerId, tx);
    if (!owner) {
      this.logger.warn(`Customer ${customer.code} names owner ${customer.ownerId}, who is not in the directory; its visits are not planned.`);
      return null;
    }
    const context = await this.directory.workingContext(owner, tx);
    const { policy } = await this.policies.active(tx);
    return { owner, context, policy, now: this.clock.now() };
  }

  private async create(tx: Tx, customer: Customer, plan: PlanContext, kind: string, dueAt: Date, correlationId: string | null): Promise<Visit> {
    const visit = await this.repository.create(tx, { customerId: customer.id, ownerId: plan.owner.id, kind, dueAt, createdAt: plan.now });
    await this.armOverdue(tx, visit, plan.context, plan.policy, correlationId);
    await this.digestTimers.armNextIn(tx, plan.owner.id, plan.context, plan.policy.digestLocalTime, plan.now, correlationId);
    await this.audit.record(tx, {
      entityType: 'customer', entityId: customer.id, action: 'visit.planned', actorId: null,
      after: { visitId: visit.id, kind, dueAt: dueAt.toISOString(), owner: plan.owner.email }, correlationId, at: plan.now,
    });
    return visit;
  }

  private async move(tx: Tx, customer: Customer, visit: Visit, dueAt: Date, plan: PlanContext, correlationId: string | null): Promise<Visit> {
    const moved = await this.repository.update(tx, visit.id, { dueAt, ownerId: plan.owner.id, escalatedAt: null });
    await this.armOverdue(tx, moved, plan.context, plan.policy, correlationId);
    await this.digestTimers.armNextIn(tx, plan.owner.id, plan.context, plan.policy.digestLocalTime, plan.now, correlationId);
    await this.audit.record(tx, {
      entityType: 'customer', entityId: customer.id, action: 'visit.rescheduled', actorId: null,
      before: { visitId: visit.id, dueAt: visit.dueAt.toISOString() }, after: { visitId: visit.id, dueAt: dueAt.toISOString() }, correlationId, at: plan.now,
    });
    return moved;
  }

  private async cancel(tx: Tx, customer: Customer, visits: Visit[], reason: string, correlationId: string | null): Promise<void> {
    if (visits.length === 0) return;
    const now = this.clock.now();
    for (const visit of visits) {
      await this.repository.update(tx, visit.id, { status: 'cancelled' });
      await this.timers.cancelForSubject(tx, visit.id, now);
    }
    await this.audit.record(tx, {
      entityType: 'customer', entityId: customer.id, action: 'visit.cancelled', actorId: null,
      after: { visitIds: visits.map((v) => v.id), reason }, correlationId, at: now,
    });
  }
}
