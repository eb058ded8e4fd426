import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { Clock } from '#libs/time';
import { TimerWriter, type ArmTimer } from '#libs/workflow';
import type { EmployeeRow as Employee, VisitRow as Visit } from '../rows.js';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { DigestTimers } from './digest-timers.service.js';
import type { CalendarContext } from './local-days.js';
import { decidePlan, escalationDueAt, memoizedCadenceDueIn, type CadenceDue, type PlanDecision, type PlannedVisitFacts } from './revisits.rules.js';
import { RevisitsRepository, type PlanAudit, type PlanSubject } from './revisits.repository.js';

export function overdueTimerKey(visitId: string): string {
  return `visit-overdue:${visitId}`;
}

interface ScheduledVisit {
  visitId: string;
  ownerId: string;
  dueAt: Date;
}

/** A visit a source asks for (a contract, a survey answer, a risk task), of the customer's current owner. */
export interface SourcedVisit {
  customer: { id: string; code: string; ownerId: string };
  kind: string;
  dueAt: Date;
  sourceId: string;
}

interface OwnerCalendar {
  owner: Employee;
  context: CalendarContext;
  cadenceDue: CadenceDue;
  escalationDue: (dueAt: Date) => Date;
}

/** Everything a set of decisions changes, gathered so each kind of change is one statement. */
class PlanChanges {
  readonly cancel: string[] = [];
  readonly handOver: string[] = [];
  readonly create: { customerId: string; ownerId: string; dueAt: Date }[] = [];
  readonly move: ScheduledVisit[] = [];
  readonly audits: PlanAudit[] = [];
  /** Owners who get a visit they must hear about in their digest. */
  readonly digestOwners = new Set<string>();

  add(subject: PlanSubject, decision: PlanDecision, owner: Employee): void {
    if (decision.cancel) {
      this.cancel.push(...decision.cancel.visitIds);
      this.audits.push({ customerId: subject.id, action: 'visit.cancelled', after: decision.cancel });
    }
    if (decision.handOver.length > 0) {
      this.handOver.push(...decision.handOver);
      this.digestOwners.add(owner.id);
      this.audits.push({ customerId: subject.id, action: 'visit.handed-over', after: { visitIds: decision.handOver, owner: owner.email } });
    }
    if (decision.create) {
      this.create.push({ customerId: subject.id, ownerId: owner.id, dueAt: decision.create });
      this.digestOwners.add(owner.id);
    }
    if (decision.move) {
      const { visitId, from, to } = decision.move;
      this.move.push({ visitId, ownerId: owner.id, dueAt: to });
      this.digestOwners.add(owner.id);
      this.audits.push({
        customerId: subject.id, action: 'visit.rescheduled',
        before: { visitId, dueAt: from.toISOString() }, after: { visitId, dueAt: to.toISOString() },
      });
    }
  }
}

/**
 * Makes customers' revisit plans right (see decidePlan) for one customer or a whole import batch,
 * with a fixed number of statements whatever the number of customers: each kind of change (cancel,
 * hand over, create, move, overdue timers, digest timers, audit) is one statement for the batch.
 * Callers hold the customers' row locks.
 */
@Injectable()
export class RevisitPlanKeeper {
  private readonly logger = new Logger(RevisitPlanKeeper.name);

  constructor(
    private readonly repository: RevisitsRepository,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly timers: TimerWriter,
    private readonly digestTimers: DigestTimers,
    private readonly clock: Clock,
    private readonly audit: AuditWriter,
  ) {}

  async keep(tx: Tx, customerIds: string[], correlationId: string | null = null): Promise<void> {
    if (customerIds.length === 0) return;
    const subjects = await this.repository.planSubjects(tx, customerIds);
    const planned = new Map<string, PlannedVisitFacts[]>();
    for (const visit of await this.repository.plannedOfCustomers(tx, customerIds)) {
      const ofCustomer = planned.get(visit.customerId);
      if (ofCustomer) ofCustomer.push(visit);
      else planned.set(visit.customerId, [visit]);
    }
    const { policy } = await this.policies.active(tx);
    const calendars = await this.ownerCalendars(tx, subjects.map((s) => s.ownerId), policy);
    const changes = new PlanChanges();
    for (const subject of subjects) {
      const calendar = calendars.get(subject.ownerId);
      if (!calendar) {
        this.logger.warn(`Customer ${subject.id} names owner ${subject.ownerId}, who is not in the directory; its visits are not planned.`);
        continue;
      }
      const decision = decidePlan(
        { status: subject.status, tier: subject.tier, ownerId: subject.ownerId, base: subject.lastCompletedAt ?? subject.createdAt, planned: planned.get(subject.id) ?? [] },
        calendar.cadenceDue,
      );
      changes.add(subject, decision, calendar.owner);
    }
    await this.apply(tx, changes, calendars, policy, correlationId);
  }

  /**
   * Visits of any kind (post-signing, at-risk, risk countermeasure) planned once per source and
   * kind (a database fact) for each customer's current owner, each with its overdue escalation and
   * the owner's digest chain, in a fixed number of statements. Callers hold the customers' locks.
   * Returns the visits created, by source id: none for a source whose visit exists already, nor
   * for a customer whose owner is not in the directory.
   */
  async planSourced(tx: Tx, visits: readonly SourcedVisit[], correlationId: string | null = null): Promise<Map<string, Visit>> {
    if (visits.length === 0) return new Map();
    const { policy } = await this.policies.active(tx);
    const calendars = await this.ownerCalendars(tx, visits.map((v) => v.customer.ownerId), policy);
    const now = this.clock.now();
    const rows = visits.flatMap(({ customer, kind, dueAt, sourceId }) => {
      const calendar = calendars.get(customer.ownerId);
      if (calendar) return [{ customerId: customer.id, ownerId: calendar.owner.id, kind, dueAt, sourceId }];
      this.logger.warn(`Customer ${customer.code} names owner ${customer.ownerId}, who is not in the directory; its visits are not planned.`);
      return [];
    });
    const created = await this.repository.createSourced(tx, rows, now);
    await this.armOverdue(tx, created.map((v) => ({ visitId: v.id, ownerId: v.ownerId, dueAt: v.dueAt })), calendars, correlationId, now);
    const digestOwners = [...new Set(created.map((v) => v.ownerId))].map((ownerId) => ({ ownerId, context: calendars.get(ownerId)!.context }));
    await this.digestTimers.armNextForEach(tx, digestOwners, policy.digestLocalTime, now, correlationId);
    await this.audit.recordAll(tx, created.map((v) => ({
      entityType: 'customer', entityId: v.customerId, action: 'visit.planned', actorId: null,
      after: { visitId: v.id, kind: v.kind, dueAt: v.dueAt.toISOString(), owner: calendars.get(v.ownerId)!.owner.email, sourceId: v.sourceId }, correlationId, at: now,
    })));
    return new Map(created.map((v) => [v.sourceId!, v]));
  }

  private async apply(tx: Tx, changes: PlanChanges, calendars: Map<string, OwnerCalendar>, policy: FollowUpPolicy, correlationId: string | null): Promise<void> {
    const now = this.clock.now();
    await this.repository.cancelPlanned(tx, changes.cancel);
    await this.timers.cancelForSubjects(tx, changes.cancel, now);
    await this.repository.reassignToCustomerOwner(tx, changes.handOver);
    await this.repository.movePlanned(tx, changes.move);
    const created = await this.repository.createRegular(tx, changes.create, now);
    const createdDue = new Map(changes.create.map((c) => [c.customerId, c]));
    const createdVisits = created.map((c) => ({ visitId: c.id, ownerId: createdDue.get(c.customerId)!.ownerId, dueAt: createdDue.get(c.customerId)!.dueAt }));
    await this.armOverdue(tx, [...changes.move, ...createdVisits], calendars, correlationId, now);
    const digestOwners = [...changes.digestOwners].map((ownerId) => ({ ownerId, context: calendars.get(ownerId)!.context }));
    await this.digestTimers.armNextForEach(tx, digestOwners, policy.digestLocalTime, now, correlationId);
    const plannedAudits = created.map((c): PlanAudit => {
      const { ownerId, dueAt } = createdDue.get(c.customerId)!;
      return { customerId: c.customerId, action: 'visit.planned', after: { visitId: c.id, kind: 'regular', dueAt: dueAt.toISOString(), owner: calendars.get(ownerId)!.owner.email } };
    });
    await this.audit.recordAll(
      tx,
      [...changes.audits, ...plannedAudits].map((a) => ({ entityType: 'customer', entityId: a.customerId, action: a.action, actorId: null, before: a.before, after: a.after, correlationId, at: now })),
    );
  }

  /**
   * Each visit's overdue timer at its escalation time. A moved visit's timer, fired or not, is reset
   * rather than replaced, so its key stays "once per visit".
   */
  private async armOverdue(tx: Tx, visits: ScheduledVisit[], calendars: Map<string, OwnerCalendar>, correlationId: string | null, now: Date): Promise<void> {
    const timers = visits.map((v): ArmTimer => ({
      kind: JOBS.visitEscalateOverdue, queue: QUEUES.followUpUrgent, subjectId: v.visitId,
      dueAt: calendars.get(v.ownerId)!.escalationDue(v.dueAt), uniqueKey: overdueTimerKey(v.visitId), correlationId,
    }));
    await this.repository.armOrRearmTimers(tx, timers, now);
  }

  /** Each owner with their calendar; a calendar shared by many owners is read, and its due times computed, once. */
  private async ownerCalendars(tx: Tx, ownerIds: string[], policy: FollowUpPolicy): Promise<Map<string, OwnerCalendar>> {
    const owners = await this.directory.findManyById([...new Set(ownerIds)], tx);
    const contexts = await this.directory.workingContexts(owners, tx);
    const shared = new Map<CalendarContext, Omit<OwnerCalendar, 'owner'>>();
    const calendarOf = (context: CalendarContext) => {
      if (!shared.has(context)) {
        shared.set(context, { context, cadenceDue: memoizedCadenceDueIn(context, policy), escalationDue: memoize((dueAt: Date) => escalationDueAt(dueAt, context, policy)) });
      }
      return shared.get(context)!;
    };
    return new Map(owners.map((owner) => [owner.id, { owner, ...calendarOf(contexts.get(owner.id)!) }]));
  }
}

function memoize(compute: (at: Date) => Date): (at: Date) => Date {
  const known = new Map<number, Date>();
  return (at) => {
    let result = known.get(at.getTime());
    if (!result) {
      result = compute(at);
      known.set(at.getTime(), result);
    }
    return result;
  };
}
