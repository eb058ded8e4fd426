// What a set-based statement run would cost, for `npm run bench:appraisal`: the month's inputs of
// every person read with one statement each (the plan, the targets, the contracts through the
// same SalesFacts reader) and each statement computed with the same rules (computeStatement),
// nothing written. There is no such operation in the service (statements are computed one person
// per request); this measures the floor a bulk run could reach, and checks its totals equal the
// statements the service stored.
import type { INestApplication } from '@nestjs/common';
import { Prisma } from '#generated/prisma';
import { Database } from '#libs/database';
import { CommissionPlansService } from '../apps/appraisal/src/commission-plans/commission-plans.service.js';
import { computeStatement } from '../apps/appraisal/src/commissions/commissions.rules.js';
import { SalesFacts, type SaleEvidence } from '../apps/appraisal/src/facts/sales-facts.repository.js';
import { parsePeriod } from '../apps/appraisal/src/periods/period.js';

export interface SetBasedFigures {
  readSeconds: number;
  computeSeconds: number;
  contracts: number;
  /** Sum of the computed totals, as a decimal string. */
  total: string;
}

/** `clawbacks` are left out: the bench approves no statement, so there is nothing to claw back. */
export async function setBasedStatements(app: INestApplication, employeeIds: string[], month: string): Promise<SetBasedFigures> {
  const db = app.get(Database, { strict: false }).db;
  const period = parsePeriod(month)!;
  const started = performance.now();
  const plan = await app.get(CommissionPlansService, { strict: false }).inForce(db, period.firstDay);
  const targets = await db.selectFrom('SalesTarget').select(['employeeId', 'amount']).where('period', '=', period.text).where('employeeId', 'in', employeeIds).execute();
  const contracts = await app.get(SalesFacts, { strict: false }).contracts(db, employeeIds, period);
  const read = performance.now();
  const byOwner = new Map<string, SaleEvidence[]>();
  for (const sale of contracts) byOwner.set(sale.ownerId, [...(byOwner.get(sale.ownerId) ?? []), sale]);
  const targetOf = new Map(targets.map((t) => [t.employeeId, String(t.amount)]));
  let total = new Prisma.Decimal(0);
  for (const id of employeeIds) total = total.plus(computeStatement(plan.document, byOwner.get(id) ?? [], [], targetOf.get(id) ?? null).total);
  return { readSeconds: (read - started) / 1000, computeSeconds: (performance.now() - read) / 1000, contracts: contracts.length, total: total.toFixed(2) };
}
