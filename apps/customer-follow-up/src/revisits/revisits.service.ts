import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, NotFoundError, toPage, type Caller, type Page } from '#libs/rpc';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import type { EmployeeRow as Employee } from '../rows.js';
import { localDayBounds, overdueWorkingDays } from './local-days.js';
import { RevisitAccess } from './revisit-access.js';
import { parseCompletion, type CompleteVisitInput, type DueFilter } from './revisit-input.js';
import { RevisitPlanner } from './revisit-planner.service.js';
import { visitView, type VisitView } from './revisit-views.js';
import { RevisitsRepository } from './revisits.repository.js';

export interface ListRevisitsQuery {
  owner?: string;
  due?: DueFilter;
  cursor?: string;
  limit: number;
}

/** GET /revisits and POST /revisits/:id/complete. */
@Injectable()
export class RevisitsService {
  constructor(
    private readonly database: Database,
    private readonly repository: RevisitsRepository,
    private readonly planner: RevisitPlanner,
    private readonly access: RevisitAccess,
    private readonly directory: OrgDirectory,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  /**
   * An owner's planned visits (the caller's own by default), ordered by due time: `today` is due
   * on the owner's local today, `overdue` before it, `all` every planned visit including upcoming ones.
   */
  async list(caller: Caller, query: ListRevisitsQuery): Promise<Page<VisitView>> {
    const owner = await this.directory.findByIdOrEmail(query.owner ?? caller.id);
    if (!owner) {
      if (query.owner) throw new NotFoundError(`No employee ${query.owner}.`);
      return { items: [], nextCursor: null };
    }
    const now = this.clock.now();
    await this.access.assertMayRead(this.database.db, caller, owner, now);
    const context = await this.directory.workingContext(owner);
    const { start, end } = localDayBounds(now, context.zone);
    const window = query.due === 'today' ? { from: start, before: end } : query.due === 'overdue' ? { before: start } : {};
    const rows = await this.repository.pageForOwner(this.database.db, owner.id, window, query);
    return toPage(rows, query.limit, (v) => visitView(v, v.customer, owner, overdueWorkingDays(v.dueAt, now, context)));
  }

  /** Records a visit and plans the next one; lost customers get none. 409 when it was already recorded. */
  async complete(caller: Caller, visitId: string, input: CompleteVisitInput, correlationId: string) {
    const now = this.clock.now();
    const completion = parseCompletion(input, now);
    const result = await this.database.transaction(async (tx) => {
      const found = await this.repository.findVisit(tx, visitId);
      if (!found) throw new NotFoundError(`Visit ${visitId} does not exist.`);
      const customer = await this.repository.lockCustomer(tx, found.customerId);
      const visit = await this.repository.lockVisit(tx, found.id);
      if (!customer || !visit) throw new NotFoundError(`Visit ${visitId} does not exist.`);
      const owner = await this.ownerOf(customer.ownerId);
      await this.access.assertMayComplete(tx, caller, owner, now);
      if (visit.status !== 'planned') throw new ConflictError(`Visit ${visit.id} is already ${visit.status}.`);
      if (completion.competitorId && !(await this.repository.isActiveCompetitor(tx, completion.competitorId))) {
        throw new BadRequestError('The visit could not be recorded; nothing was changed.', [{ field: 'competitorId', message: `no active competitor ${completion.competitorId} (GET /competitors)` }]);
      }
      const done = await this.repository.update(tx, visit.id, {
        status: 'done', outcome: completion.outcome, notes: completion.notes, satisfaction: completion.satisfaction,
        lostReason: completion.lostReason, lostCompetitorId: completion.competitorId,
        completedAt: now, completedById: caller.id, ownerId: owner.id,
      });
      await this.timers.cancelForSubject(tx, visit.id, now);
      await this.audit.record(tx, {
        entityType: 'customer', entityId: customer.id, action: 'visit.completed', actorId: caller.id,
        onBehalfOfId: caller.id === owner.id ? null : owner.id,
        before: { visitId: visit.id, status: visit.status },
        after: { visitId: visit.id, status: 'done', outcome: completion.outcome, satisfaction: completion.satisfaction, lostReason: completion.lostReason, competitorId: completion.competitorId }, correlationId, at: now,
      });
      let current = customer;
      if (completion.outcome === 'lost') {
        current = await this.repository.setCustomerStatus(tx, customer.id, 'lost');
        await this.audit.record(tx, {
          entityType: 'customer', entityId: customer.id, action: 'customer.lost', actorId: caller.id,
          before: { status: customer.status }, after: { status: 'lost', visitId: visit.id }, correlationId, at: now,
        });
        await this.planner.cancelAll(tx, current, 'customer lost', correlationId);
      }
      const next = await this.planner.scheduleNext(tx, current, now, completion.nextVisitAt, correlationId);
      const context = await this.directory.workingContext(owner, tx);
      return {
        visit: visitView(done, current, owner, 0),
        next: next ? visitView(next, current, owner, overdueWorkingDays(next.dueAt, now, context)) : null,
      };
    });
    this.signal.notify();
    return result;
  }

  private async ownerOf(ownerId: string): Promise<Employee> {
    const owner = await this.directory.findById(ownerId);
    if (!owner) throw new NotFoundError(`The owner ${ownerId} of this customer is not in the directory.`);
    return owner;
  }
}
