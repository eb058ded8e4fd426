import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { CommissionLine, CommissionStatement } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import type { Period } from '../periods/period.js';
import type { Adjustment, ComputedStatement } from './commissions.rules.js';

export type StatementRow = Selectable<CommissionStatement>;
export type LineRow = Omit<Selectable<CommissionLine>, 'adjustments'> & { adjustments: Adjustment[] };

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/** Statements per (employee, period) and their lines. */
@Injectable()
export class CommissionsRepository {
  async lock(tx: Tx, id: string): Promise<StatementRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('CommissionStatement').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  async lockFor(tx: Tx, employeeId: string, period: string): Promise<StatementRow | null> {
    return (await tx.selectFrom('CommissionStatement').selectAll().where('employeeId', '=', employeeId).where('period', '=', period).forUpdate().executeTakeFirst()) ?? null;
  }

  async findById(tx: Tx, id: string): Promise<StatementRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('CommissionStatement').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /**
   * Writes the figures of an OPEN statement (inserted on first read) and replaces its lines.
   * Null when the statement is APPROVED: frozen, nothing written.
   */
  async writeOpen(tx: Tx, employeeId: string, period: Period, planVersion: number, computed: ComputedStatement, now: Date): Promise<StatementRow | null> {
    const figures = {
      planVersion, target: computed.target, sales: computed.sales, attainmentPct: computed.attainmentPct, tier: computed.tier, total: computed.total, computedAt: now,
    };
    const row = await tx
      .insertInto('CommissionStatement')
      .values({ id: randomUUID(), employeeId, period: period.text, periodFirstDay: day(period.firstDay), periodEndDay: day(period.endDay), status: 'OPEN', ...figures })
      .onConflict((oc) => oc.columns(['employeeId', 'period']).doUpdateSet(figures).where('CommissionStatement.status', '=', 'OPEN'))
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    await tx.deleteFrom('CommissionLine').where('statementId', '=', row.id).execute();
    if (computed.lines.length > 0) {
      await tx.insertInto('CommissionLine').values(computed.lines.map((line, position) => ({
        id: randomUUID(), statementId: row.id, position, kind: line.kind, contractId: line.contractId, amountBase: line.amountBase, discountPct: line.discountPct,
        tier: line.tier, ratePct: line.ratePct, baseCommission: line.baseCommission, adjustments: JSON.stringify(line.adjustments), commission: line.commission,
        clawsBackStatementId: line.clawsBackStatementId,
      }))).execute();
    }
    return row;
  }

  /**
   * writeOpen for many people in three statements (the statements, their old lines out, the new
   * lines in); an APPROVED statement is left as it is. Answers how many were written.
   */
  async writeOpenAll(tx: Tx, period: Period, planVersion: number, computed: { employeeId: string; statement: ComputedStatement }[], now: Date): Promise<number> {
    if (computed.length === 0) return 0;
    const statements = JSON.stringify(computed.map(({ employeeId, statement: s }) => ({
      id: randomUUID(), employeeId, target: s.target, sales: s.sales, attainmentPct: s.attainmentPct, tier: s.tier, total: s.total,
    })));
    const written = await sql<{ id: string; employeeId: string }>`
      INSERT INTO "CommissionStatement" ("id", "employeeId", "period", "periodFirstDay", "periodEndDay", "status", "planVersion", "target", "sales", "attainmentPct", "tier", "total", "computedAt")
      SELECT s.id, s."employeeId", ${period.text}, ${period.firstDay}::date, ${period.endDay}::date, 'OPEN', ${planVersion}, s.target, s.sales, s."attainmentPct", s.tier, s.total, ${now}
      FROM jsonb_to_recordset(${statements}::jsonb) AS s(id uuid, "employeeId" uuid, target numeric, sales numeric, "attainmentPct" numeric, tier text, total numeric)
      ON CONFLICT ("employeeId", "period") DO UPDATE SET "planVersion" = EXCLUDED."planVersion", "target" = EXCLUDED."target", "sales" = EXCLUDED."sales",
        "attainmentPct" = EXCLUDED."attainmentPct", "tier" = EXCLUDED."tier", "total" = EXCLUDED."total", "computedAt" = EXCLUDED."computedAt"
      WHERE "CommissionStatement"."status" = 'OPEN'
      RETURNING "id", "employeeId"`.execute(tx);
    const statementOf = new Map(written.rows.map((row) => [row.employeeId, row.id]));
    await tx.deleteFrom('CommissionLine').where('statementId', 'in', written.rows.length > 0 ? [...statementOf.values()] : [randomUUID()]).execute();
    const lines = JSON.stringify(computed.filter(({ employeeId }) => statementOf.has(employeeId)).flatMap(({ employeeId, statement }) => statement.lines.map((line, position) => ({
      id: randomUUID(), statementId: statementOf.get(employeeId), position, kind: line.kind, contractId: line.contractId, amountBase: line.amountBase, discountPct: line.discountPct,
      tier: line.tier, ratePct: line.ratePct, baseCommission: line.baseCommission, adjustments: line.adjustments, commission: line.commission, clawsBackStatementId: line.clawsBackStatementId,
    }))));
    await sql`
      INSERT INTO "CommissionLine" ("id", "statementId", "position", "kind", "contractId", "amountBase", "discountPct", "tier", "ratePct", "baseCommission", "adjustments", "commission", "clawsBackStatementId")
      SELECT l.id, l."statementId", l.position, l.kind::"CommissionLineKind", l."contractId", l."amountBase", l."discountPct", l.tier, l."ratePct", l."baseCommission", l.adjustments, l.commission, l."clawsBackStatementId"
      FROM jsonb_to_recordset(${lines}::jsonb) AS l(id uuid, "statementId" uuid, position int, kind text, "contractId" uuid, "amountBase" numeric, "discountPct" numeric, tier text,
        "ratePct" numeric, "baseCommission" numeric, adjustments jsonb, commission numeric, "clawsBackStatementId" uuid)`.execute(tx);
    return written.rows.length;
  }

  approve(tx: Tx, id: string, by: string, at: Date): Promise<StatementRow> {
    return tx.updateTable('CommissionStatement').set({ status: 'APPROVED', approvedAt: at, approvedById: by }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async lines(tx: Tx, statementId: string): Promise<LineRow[]> {
    const rows = await tx.selectFrom('CommissionLine').selectAll().where('statementId', '=', statementId).orderBy('position').execute();
    return rows.map((row) => ({ ...row, adjustments: row.adjustments as Adjustment[] }));
  }
}
