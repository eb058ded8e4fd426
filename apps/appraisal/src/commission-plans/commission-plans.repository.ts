import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { CommissionPlanDocument } from './commission-plan.js';

export interface PlanRow {
  id: string;
  version: number;
  effectiveFrom: string;
  /** YYYY-MM-DD */
  effectiveFromDay: string;
  document: CommissionPlanDocument;
  createdAt: Date;
}

/** Commission plan versions (few: read whole). */
@Injectable()
export class CommissionPlansRepository {
  async all(tx: Tx): Promise<PlanRow[]> {
    const rows = await tx.selectFrom('CommissionPlan').select(['id', 'version', 'effectiveFrom', 'effectiveFromDay', 'document', 'createdAt']).orderBy('version').execute();
    return rows.map((row) => ({ ...row, effectiveFromDay: row.effectiveFromDay.toISOString().slice(0, 10), document: row.document as unknown as CommissionPlanDocument }));
  }

  /** Serializes plan writes against statement approvals (both take it), so a version and a freeze cannot cross. */
  async lockPlans(tx: Tx): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('commission-plan'))`.execute(tx);
  }

  /** An approved statement of a period starting on or after `day`, if any: the new version would govern a paid period. */
  async approvedFrom(tx: Tx, day: string): Promise<{ id: string; period: string } | null> {
    return (await tx.selectFrom('CommissionStatement').select(['id', 'period']).where('status', '=', 'APPROVED')
      .where('periodFirstDay', '>=', new Date(`${day}T00:00:00Z`)).orderBy('periodFirstDay').limit(1).executeTakeFirst()) ?? null;
  }

  async add(tx: Tx, plan: { version: number; document: CommissionPlanDocument; createdById: string; at: Date }): Promise<PlanRow> {
    const day = `${plan.document.effectiveFrom}-01`;
    const id = randomUUID();
    await tx.insertInto('CommissionPlan').values({
      id, version: plan.version, effectiveFrom: plan.document.effectiveFrom, effectiveFromDay: new Date(`${day}T00:00:00Z`), document: JSON.stringify(plan.document),
      createdById: plan.createdById, createdAt: plan.at,
    }).execute();
    return { id, version: plan.version, effectiveFrom: plan.document.effectiveFrom, effectiveFromDay: day, document: plan.document, createdAt: plan.at };
  }
}
