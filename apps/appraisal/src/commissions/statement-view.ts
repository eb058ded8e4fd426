import type { CommissionStatementView } from '#libs/contracts';
import type { z } from 'zod/v4';
import type { Employee } from '#generated/prisma';
import type { ContractRef } from '../facts/commission-facts.repository.js';
import { adjustmentsCell, type CsvRow } from './commissions.rules.js';
import type { LineRow, StatementRow } from './commissions.repository.js';

export type StatementView = z.infer<typeof CommissionStatementView>;

const person = (e: Pick<Employee, 'id' | 'email' | 'name'>) => ({ id: e.id, email: e.email, name: e.name });

export function statementView(
  row: StatementRow, lines: LineRow[], employee: Employee, approvedBy: Employee | null, contracts: Map<string, ContractRef>, currency: string,
): StatementView {
  return {
    id: row.id, employee: person(employee), period: row.period, status: row.status, planVersion: row.planVersion, currency,
    target: row.target, sales: row.sales, attainmentPct: row.attainmentPct, tier: row.tier, total: row.total,
    computedAt: row.computedAt.toISOString(), approvedAt: row.approvedAt?.toISOString() ?? null, approvedBy: approvedBy ? person(approvedBy) : null,
    lines: lines.map((line) => {
      const contract = contracts.get(line.contractId);
      return {
        kind: line.kind, contract: { id: line.contractId, title: contract?.title ?? '', customerName: contract?.customerName ?? '' },
        amountBase: line.amountBase, discountPct: line.discountPct, tier: line.tier, ratePct: line.ratePct, baseCommission: line.baseCommission,
        adjustments: line.adjustments, commission: line.commission, clawsBackStatementId: line.clawsBackStatementId,
      };
    }),
  };
}

export function csvRows(view: StatementView): CsvRow[] {
  return view.lines.map((line) => ({
    statement: view.id, employee: view.employee.email, period: view.period, status: view.status, kind: line.kind, contract: line.contract.id, title: line.contract.title,
    amountBase: line.amountBase, discountPct: line.discountPct, tier: line.tier, ratePct: line.ratePct, baseCommission: line.baseCommission,
    adjustments: adjustmentsCell(line.adjustments), commission: line.commission, clawsBackStatement: line.clawsBackStatementId ?? '',
  }));
}
