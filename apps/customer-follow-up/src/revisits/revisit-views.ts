import { personView } from '#libs/org';
import type { CustomerRow as Customer, EmployeeRow as Employee, VisitRow as Visit } from '../rows.js';

/** A visit as the API shows it; people as {id, email, name}, instants as ISO-8601 UTC. */
export function visitView(visit: Visit, customer: Customer, owner: Employee, overdueWorkingDays: number) {
  return {
    id: visit.id,
    kind: visit.kind,
    status: visit.status,
    dueAt: visit.dueAt.toISOString(),
    overdueWorkingDays,
    escalatedAt: visit.escalatedAt?.toISOString() ?? null,
    customer: { id: customer.id, code: customer.code, name: customer.name, tier: customer.tier, status: customer.status },
    owner: personView(owner),
    outcome: visit.outcome,
    lostReason: visit.lostReason,
    lostCompetitorId: visit.lostCompetitorId,
    notes: visit.notes,
    satisfaction: visit.satisfaction,
    completedAt: visit.completedAt?.toISOString() ?? null,
    completedById: visit.completedById,
  };
}

export type VisitView = ReturnType<typeof visitView>;
