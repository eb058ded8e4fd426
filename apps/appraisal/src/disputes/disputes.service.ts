import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import type { DisputeOutcome } from '#libs/contracts';
import { Database, IdempotentCreator, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, type Caller } from '#libs/rpc';
import { addWorkingTime, Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import { CommissionPlansService } from '../commission-plans/commission-plans.service.js';
import { CommissionsRepository, type StatementRow } from '../commissions/commissions.repository.js';
import { disputeView, type DisputeView } from './dispute-view.js';
import { DisputesMailer } from './disputes.mailer.js';
import { DisputesRepository, type DisputeRow } from './disputes.repository.js';
import { firstStage, mayResolve, slaKey, type DisputeStage } from './disputes.rules.js';

const OPEN_SCOPE = 'commission-disputes.open';

/**
 * Disputes of a commission statement by its person: the manager first, with an SLA in the
 * manager's working time; FINANCE when it runs out, with its own SLA (the person's working time);
 * ADMIN after that. SLAs come from the plan that governs the statement.
 */
@Injectable()
export class DisputesService {
  constructor(
    private readonly database: Database,
    private readonly creator: IdempotentCreator,
    private readonly repository: DisputesRepository,
    private readonly statements: CommissionsRepository,
    private readonly plans: CommissionPlansService,
    private readonly directory: OrgDirectory,
    private readonly timers: TimerWriter,
    private readonly mailer: DisputesMailer,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async open(caller: Caller, statementId: string, reason: string, idempotencyKey: string | undefined, correlationId: string): Promise<DisputeView> {
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (text.length === 0 || text.length > 2000) throw new BadRequestError('The dispute is invalid.', [{ field: 'reason', message: 'reason: 1 to 2000 characters' }]);
    const view = await this.creator.create({ scope: OPEN_SCOPE, callerId: caller.id, key: idempotencyKey, body: { statementId, reason: text } }, async (tx) => {
      const statement = await this.statements.findById(tx, statementId);
      if (!statement) throw new NotFoundError(`Commission statement ${statementId} does not exist.`, 'commission_statement.not_found');
      if (statement.employeeId !== caller.id) throw new ForbiddenError('Only the statement\u2019s person may dispute it.');
      if (await this.repository.openFor(tx, statement.id)) throw new ConflictError(`Commission statement ${statement.id} already has an open dispute.`, 'commission_dispute.open');
      const person = await this.existing(tx, statement.employeeId);
      const manager = await this.directory.managerOf(person, tx);
      const now = this.clock.now();
      const stage = firstStage(manager !== null);
      const dueAt = await this.dueAt(tx, statement, stage, now, stage === 'MANAGER' ? manager! : person);
      const dispute = await this.repository.create(tx, {
        statementId: statement.id, employeeId: person.id, managerId: manager?.id ?? null, reason: text, stage, status: 'OPEN',
        managerDueAt: stage === 'MANAGER' ? dueAt : null, financeDueAt: stage === 'FINANCE' ? dueAt : null, createdAt: now,
      });
      await this.enterStage(tx, dispute, statement, person, stage, dueAt, manager, correlationId);
      await this.audit.record(tx, {
        entityType: 'commission-dispute', entityId: dispute.id, action: 'commission-dispute.opened', actorId: caller.id,
        after: { statementId: statement.id, reason: text, stage, dueAt: dueAt?.toISOString() ?? null }, correlationId, at: now,
      });
      return disputeView(dispute, await this.people(tx, dispute));
    });
    this.signal.notify();
    return view;
  }

  async resolve(caller: Caller, id: string, outcome: DisputeOutcome, comment: string, correlationId: string): Promise<DisputeView> {
    const view = await this.database.transaction(async (tx) => {
      const dispute = await this.repository.lock(tx, id);
      if (!dispute) throw new NotFoundError(`Commission dispute ${id} does not exist.`, 'commission_dispute.not_found');
      const person = await this.existing(tx, dispute.employeeId);
      if (!mayResolve(caller, dispute, await this.directory.isAbove(caller.id, person, tx))) {
        throw new ForbiddenError('A dispute is resolved by the person\u2019s manager line while it is theirs, or by FINANCE or ADMIN.');
      }
      if (dispute.status === 'RESOLVED') throw new ConflictError(`Commission dispute ${id} is already resolved.`, 'commission_dispute.resolved');
      const now = this.clock.now();
      await this.timers.cancelByKeys(tx, [slaKey(id, 'MANAGER'), slaKey(id, 'FINANCE')], now);
      const resolved = await this.repository.update(tx, id, { status: 'RESOLVED', outcome, comment, resolvedById: caller.id, resolvedAt: now });
      const statement = (await this.statements.findById(tx, dispute.statementId))!;
      await this.mailer.send(tx, person, 'employee', resolved, statement, person, null, correlationId);
      await this.audit.record(tx, {
        entityType: 'commission-dispute', entityId: id, action: 'commission-dispute.resolved', actorId: caller.id,
        before: { status: dispute.status, stage: dispute.stage }, after: { status: 'RESOLVED', outcome, comment }, correlationId, at: now,
      });
      return disputeView(resolved, await this.people(tx, resolved));
    });
    this.signal.notify();
    return view;
  }

  /** When `stage`'s SLA runs out, counted from `from` in `by`'s working time; ADMIN has none. */
  async dueAt(tx: Tx, statement: StatementRow, stage: DisputeStage, from: Date, by: Employee): Promise<Date | null> {
    if (stage === 'ADMIN') return null;
    const { document } = await this.plans.byVersion(tx, statement.planVersion);
    const context = await this.directory.workingContext(by, tx);
    return addWorkingTime(from, stage === 'MANAGER' ? document.disputes.managerSla : document.disputes.financeSla, context.calendar, context.zone);
  }

  /** Tells whoever holds `stage` and arms its SLA timer. */
  async enterStage(tx: Tx, dispute: DisputeRow, statement: StatementRow, person: Employee, stage: DisputeStage, dueAt: Date | null, manager: Employee | null, correlationId: string | null): Promise<void> {
    const holders = stage === 'MANAGER' ? [manager!] : await this.directory.withRole(stage, tx);
    const role = stage === 'MANAGER' ? 'manager' : stage === 'FINANCE' ? 'finance' : 'admin';
    for (const holder of holders) if (holder.id !== person.id) await this.mailer.send(tx, holder, role, dispute, statement, person, dueAt, correlationId);
    if (dueAt) {
      await this.timers.arm(tx, { kind: JOBS.commissionDisputeEscalate, queue: QUEUES.appraisalUrgent, subjectId: dispute.id, dueAt, uniqueKey: slaKey(dispute.id, stage), correlationId });
    }
  }

  async existing(tx: Tx, id: string): Promise<Employee> {
    const employee = await this.directory.findById(id, tx);
    if (!employee) throw new NotFoundError(`Employee ${id} does not exist.`, 'employee.not_found');
    return employee;
  }

  private async people(tx: Tx, dispute: DisputeRow): Promise<Map<string, Employee>> {
    const ids = [dispute.employeeId, dispute.managerId, dispute.resolvedById].filter((id): id is string => id !== null);
    return new Map((await this.directory.findManyById(ids, tx)).map((e) => [e.id, e]));
  }
}
