import { Inject, Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { StatementRequest } from '#libs/contracts';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { CommissionPlansRepository } from '../commission-plans/commission-plans.repository.js';
import { CommissionPlansService } from '../commission-plans/commission-plans.service.js';
import { CommissionFacts } from '../facts/commission-facts.repository.js';
import { SalesFacts } from '../facts/sales-facts.repository.js';
import { parsePeriod, PERIOD_FORMS, periodBounds, type Period } from '../periods/period.js';
import { computeStatement, toCsv } from './commissions.rules.js';
import { CommissionsRepository, type StatementRow } from './commissions.repository.js';
import { csvRows, statementView, type StatementView } from './statement-view.js';

/** Who sees every statement besides the person and their reporting line. */
const READ_ALL = ['FINANCE', 'ADMIN'];

/**
 * Commission statements per (employee, period): computed from the approved contracts of the
 * period (SalesFacts), the person's target and the plan in force, stored with one line per
 * contract; recomputed on every read while OPEN, frozen once FINANCE approves.
 */
@Injectable()
export class CommissionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly repository: CommissionsRepository,
    private readonly plans: CommissionPlansService,
    private readonly planLock: CommissionPlansRepository,
    private readonly sales: SalesFacts,
    private readonly commissionFacts: CommissionFacts,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async statement(caller: Caller, request: StatementRequest): Promise<StatementView> {
    const period = parsePeriod(request.period ?? '');
    if (!period) throw new BadRequestError('The period is invalid.', [{ field: 'period', message: PERIOD_FORMS }]);
    const person = request.employee ? await this.directory.findByIdOrEmail(request.employee) : await this.directory.findById(caller.id);
    if (!person) throw new NotFoundError(`Employee ${request.employee ?? caller.id} does not exist.`, 'employee.not_found');
    await this.assertReadable(caller, person, this.database.db);
    return this.database.transaction(async (tx) => this.view(tx, await this.current(tx, person, period)));
  }

  async csv(caller: Caller, request: StatementRequest): Promise<{ filename: string; csv: string }> {
    const view = await this.statement(caller, request);
    return { filename: `commission-${view.period}-${view.employee.email}.csv`, csv: toCsv(csvRows(view)) };
  }

  /** FINANCE only, once the period is over in the person's zone; recomputed one last time, then frozen. */
  async approve(caller: Caller, id: string, correlationId: string): Promise<StatementView> {
    if (caller.role !== 'FINANCE') throw new ForbiddenError('Only FINANCE approves commission statements.');
    return this.database.transaction(async (tx) => {
      await this.planLock.lockPlans(tx);
      const statement = await this.repository.lock(tx, id);
      if (!statement) throw new NotFoundError(`Commission statement ${id} does not exist.`, 'commission_statement.not_found');
      if (statement.status === 'APPROVED') throw new ConflictError(`Commission statement ${id} is already approved.`, 'commission_statement.approved');
      const person = await this.directory.findById(statement.employeeId, tx);
      if (!person) throw new NotFoundError(`Employee ${statement.employeeId} does not exist.`, 'employee.not_found');
      const period = parsePeriod(statement.period)!;
      const now = this.clock.now();
      const { zone } = await this.directory.workingContext(person, tx);
      if (now < periodBounds(period, zone).end) {
        throw new ConflictError(`${statement.period} is not over yet for ${person.email}; a statement is approved after its period.`, 'commission_statement.period_open');
      }
      const final = await this.current(tx, person, period);
      const approved = await this.repository.approve(tx, final.id, caller.id, now);
      await this.audit.record(tx, {
        entityType: 'commission-statement', entityId: approved.id, action: 'commission-statement.approved', actorId: caller.id,
        after: { employeeId: person.id, period: approved.period, planVersion: approved.planVersion, total: approved.total }, correlationId, at: now,
      });
      return this.view(tx, approved);
    });
  }

  /** The statement as it stands: recomputed and stored while OPEN, as frozen once APPROVED. */
  async current(tx: Tx, person: Employee, period: Period): Promise<StatementRow> {
    const existing = await this.repository.lockFor(tx, person.id, period.text);
    if (existing?.status === 'APPROVED') return existing;
    const plan = await this.plans.inForce(tx, period.firstDay);
    const target = await tx.selectFrom('SalesTarget').select('amount').where('period', '=', period.text).where('employeeId', '=', person.id).executeTakeFirst();
    const sales = await this.sales.contracts(tx, [person.id], period);
    const { zone } = await this.directory.workingContext(person, tx);
    const clawbacks = await this.commissionFacts.paidThenReversed(tx, person.id, period.firstDay, periodBounds(period, zone).end);
    const computed = computeStatement(plan.document, sales, clawbacks, target?.amount ?? null);
    const written = await this.repository.writeOpen(tx, person.id, period, plan.version, computed, this.clock.now());
    return written ?? (await this.repository.lockFor(tx, person.id, period.text))!;
  }

  /** The person, their reporting line above them, FINANCE and ADMIN. */
  async assertReadable(caller: Caller, person: Employee, tx: Tx): Promise<void> {
    if (caller.id === person.id || READ_ALL.includes(caller.role)) return;
    if (await this.directory.isAbove(caller.id, person, tx)) return;
    throw new ForbiddenError('A commission statement is read by its person, their managers, FINANCE and ADMIN.');
  }

  async view(tx: Tx, row: StatementRow): Promise<StatementView> {
    const lines = await this.repository.lines(tx, row.id);
    const people = await this.directory.findManyById([row.employeeId, ...(row.approvedById ? [row.approvedById] : [])], tx);
    const byId = new Map(people.map((p) => [p.id, p]));
    const contracts = await this.commissionFacts.contractRefs(tx, lines.map((l) => l.contractId));
    return statementView(row, lines, byId.get(row.employeeId)!, row.approvedById ? (byId.get(row.approvedById) ?? null) : null, contracts, this.config.BASE_CURRENCY);
  }
}
