import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { Prisma } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import type { CommissionRunView } from '#libs/contracts';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ForbiddenError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import type { z } from 'zod/v4';
import { CommissionPlansRepository } from '../commission-plans/commission-plans.repository.js';
import { CommissionPlansService } from '../commission-plans/commission-plans.service.js';
import { CommissionFacts } from '../facts/commission-facts.repository.js';
import { SalesFacts } from '../facts/sales-facts.repository.js';
import { parsePeriod, PERIOD_FORMS, periodBounds, type Period } from '../periods/period.js';
import { computeStatement, type ClawbackInput } from './commissions.rules.js';
import { CommissionsRepository } from './commissions.repository.js';

type RunView = z.infer<typeof CommissionRunView>;

/** A day either side covers every zone's idea of the period when picking whose statements to compute. */
const DAY_MS = 86_400_000;

/**
 * A period's statements for everyone at once (FINANCE, ADMIN): the same rules and figures as one
 * statement read (CommissionsService.current), read and written set-based, so a month for 10,000
 * people is a fixed number of statements, not 17 per person. Approved statements stay frozen.
 */
@Injectable()
export class StatementRun {
  constructor(
    private readonly database: Database,
    private readonly repository: CommissionsRepository,
    private readonly plans: CommissionPlansService,
    private readonly planLock: CommissionPlansRepository,
    private readonly sales: SalesFacts,
    private readonly facts: CommissionFacts,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async computeAll(caller: Caller, periodText: string, correlationId: string): Promise<RunView> {
    if (caller.role !== 'FINANCE' && caller.role !== 'ADMIN') throw new ForbiddenError('FINANCE and ADMIN compute every statement of a period.');
    const period = parsePeriod(periodText ?? '');
    if (!period) throw new BadRequestError('The period is invalid; nothing was written.', [{ field: 'period', message: PERIOD_FORMS }]);
    return this.database.transaction(async (tx) => {
      await this.planLock.lockPlans(tx);
      const now = this.clock.now();
      const plan = await this.plans.inForce(tx, period.firstDay);
      const people = await this.directory.findManyById(await this.peopleOf(tx, period), tx);
      const ids = people.map((p) => p.id);
      const [targets, sales, contexts] = await Promise.all([
        tx.selectFrom('SalesTarget').select(['employeeId', 'amount']).where('period', '=', period.text).where('employeeId', 'in', ids.length > 0 ? ids : [randomUUID()]).execute(),
        this.sales.contracts(tx, ids, period),
        this.directory.workingContexts(people, tx),
      ]);
      const ends = new Map(people.map((p) => [p.id, periodBounds(period, contexts.get(p.id)!.zone).end]));
      const latestEnd = new Date(Math.max(0, ...[...ends.values()].map((d) => d.getTime())));
      const clawbacks = (await this.facts.paidThenReversedOf(tx, ids, period.firstDay, latestEnd)).filter((c) => c.reversedAt < ends.get(c.employeeId)!);
      const targetOf = new Map(targets.map((t) => [t.employeeId, String(t.amount)]));
      const salesOf = groupBy(sales, (s) => s.ownerId);
      const clawbacksOf = groupBy<ClawbackInput & { employeeId: string }>(clawbacks, (c) => c.employeeId);
      const computed = ids.map((id) => ({ employeeId: id, statement: computeStatement(plan.document, salesOf.get(id) ?? [], clawbacksOf.get(id) ?? [], targetOf.get(id) ?? null) }));
      const written = await this.repository.writeOpenAll(tx, period, plan.version, computed, now);
      const total = computed.reduce((sum, { statement }) => sum.plus(statement.total), new Prisma.Decimal(0)).toFixed(2);
      const view: RunView = { period: period.text, statements: written, approved: computed.length - written, total, computedAt: now.toISOString() };
      await this.audit.record(tx, { entityType: 'commission-run', entityId: randomUUID(), action: 'commission-statements.computed', actorId: caller.id, after: view, correlationId, at: now });
      return view;
    });
  }

  /** Whose statements a period has: everyone with a target for it, or a contract approved (or since reversed) around it. */
  private async peopleOf(tx: Tx, period: Period): Promise<string[]> {
    const from = new Date(new Date(`${period.firstDay}T00:00:00Z`).getTime() - DAY_MS);
    const to = new Date(new Date(`${period.endDay}T00:00:00Z`).getTime() + DAY_MS);
    const { rows } = await sql<{ id: string }>`
      SELECT "employeeId" AS id FROM "SalesTarget" WHERE "period" = ${period.text}
      UNION
      SELECT DISTINCT "ownerId" FROM "Contract" WHERE "status" IN ('APPROVED', 'REVERSED') AND "decidedAt" >= ${from} AND "decidedAt" < ${to}`.execute(tx);
    return rows.map((row) => row.id);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
