import type { z } from 'zod/v4';
import type { Employee } from '#generated/prisma';
import type { CommissionDisputeView } from '#libs/contracts';
import type { DisputeRow } from './disputes.repository.js';

export type DisputeView = z.infer<typeof CommissionDisputeView>;

export function disputeView(row: DisputeRow, people: Map<string, Employee>): DisputeView {
  const person = (id: string | null) => {
    const e = id ? people.get(id) : undefined;
    return e ? { id: e.id, email: e.email, name: e.name } : null;
  };
  return {
    id: row.id, statementId: row.statementId, employee: person(row.employeeId) ?? { id: row.employeeId, email: '', name: '' }, manager: person(row.managerId),
    reason: row.reason, stage: row.stage, status: row.status, managerDueAt: row.managerDueAt?.toISOString() ?? null, financeDueAt: row.financeDueAt?.toISOString() ?? null,
    outcome: row.outcome, comment: row.comment, resolvedBy: person(row.resolvedById), resolvedAt: row.resolvedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  };
}
