import type { z } from 'zod/v4';
import type { Employee } from '#generated/prisma';
import type { PromotionNominationView } from '#libs/contracts';
import type { NominationRow } from './promotions.repository.js';
import type { SignedOffAppraisal } from './promotions.rules.js';

export type NominationView = z.infer<typeof PromotionNominationView>;

export function nominationView(row: NominationRow, people: Map<string, Employee>): NominationView {
  const person = (id: string | null) => {
    const e = id ? people.get(id) : undefined;
    return e ? { id: e.id, email: e.email, name: e.name } : null;
  };
  return {
    id: row.id, employee: person(row.employeeId) ?? { id: row.employeeId, email: '', name: '' }, manager: person(row.managerId), band: row.band, streak: row.streak,
    evidence: row.evidence as SignedOffAppraisal[], status: row.status, reason: row.reason, decidedBy: person(row.decidedById),
    decidedAt: row.decidedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  };
}

/** Everyone a page of nominations names. */
export function peopleOf(rows: NominationRow[]): string[] {
  return [...new Set(rows.flatMap((row) => [row.employeeId, row.managerId, row.decidedById]).filter((id): id is string => id !== null))];
}
