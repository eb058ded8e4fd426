import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';

export interface TargetRow {
  id: string;
  period: string;
  employeeId: string;
  employeeEmail: string;
  employeeName: string;
  team: string | null;
  /** Decimal as text, BASE_CURRENCY. */
  amount: string;
  version: number;
  setById: string;
  setByEmail: string;
  setByName: string;
  updatedAt: Date;
}

export interface TargetWrite {
  employeeId: string;
  /** Decimal text with two places. */
  amount: string;
}

/** SQL of sales targets: one statement per read or write, whatever the number of people. */
@Injectable()
export class TargetsRepository {
  /**
   * The targets of a period, with the person and who set them, by name. `employeeIds` null: everyone's;
   * `team` narrows to one team.
   */
  async ofPeriod(tx: Tx, periods: string[], employeeIds: string[] | null, team: string | null = null): Promise<TargetRow[]> {
    if (periods.length === 0 || employeeIds?.length === 0) return [];
    const result = await sql<TargetRow>`
      SELECT t."id", t."period", t."employeeId", e."email" AS "employeeEmail", e."name" AS "employeeName", e."team",
             t."amount"::text AS "amount", t."version", t."setById", s."email" AS "setByEmail", s."name" AS "setByName", t."updatedAt"
      FROM "SalesTarget" t
      JOIN "Employee" e ON e."id" = t."employeeId"
      JOIN "Employee" s ON s."id" = t."setById"
      WHERE t."period" = ANY(${periods}::text[])
        ${employeeIds ? sql`AND t."employeeId" = ANY(${employeeIds}::uuid[])` : sql``}
        ${team !== null ? sql`AND e."team" = ${team}` : sql``}
      ORDER BY e."name", e."email", t."period"`.execute(tx);
    return result.rows;
  }

  /** The period's current targets of these people, locked until the transaction ends. */
  async lock(tx: Tx, period: string, employeeIds: string[]): Promise<{ id: string; employeeId: string; amount: string; version: number; setById: string }[]> {
    const result = await sql<{ id: string; employeeId: string; amount: string; version: number; setById: string }>`
      SELECT "id", "employeeId", "amount"::text AS "amount", "version", "setById" FROM "SalesTarget"
      WHERE "period" = ${period} AND "employeeId" = ANY(${employeeIds}::uuid[])
      ORDER BY "employeeId" FOR UPDATE`.execute(tx);
    return result.rows;
  }

  /**
   * Writes these targets in one statement: new ones at version 1, changed ones a version up (an
   * amount equal to the stored one is left alone). Answers each written row's id and version.
   */
  async upsert(tx: Tx, period: string, setById: string, targets: TargetWrite[], at: Date): Promise<Map<string, { id: string; version: number }>> {
    if (targets.length === 0) return new Map();
    const rows = JSON.stringify(targets.map((t) => ({ id: randomUUID(), employeeId: t.employeeId, amount: t.amount })));
    const result = await sql<{ id: string; employeeId: string; version: number }>`
      INSERT INTO "SalesTarget" ("id", "period", "employeeId", "amount", "setById", "version", "createdAt", "updatedAt")
      SELECT r."id", ${period}, r."employeeId", r."amount", ${setById}::uuid, 1, ${at.toISOString()}::timestamp, ${at.toISOString()}::timestamp
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("id" uuid, "employeeId" uuid, "amount" numeric)
      ON CONFLICT ("period", "employeeId") DO UPDATE
        SET "amount" = EXCLUDED."amount", "setById" = EXCLUDED."setById", "version" = "SalesTarget"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"
        WHERE "SalesTarget"."amount" <> EXCLUDED."amount"
      RETURNING "id", "employeeId", "version"`.execute(tx);
    return new Map(result.rows.map((row) => [row.employeeId, { id: row.id, version: row.version }]));
  }

  /** People named by id or email (emails compared lower-case). */
  async people(tx: Tx, refs: string[]): Promise<{ id: string; email: string; name: string; role: string }[]> {
    const ids = refs.filter(isUuid).map((ref) => ref.toLowerCase());
    const emails = refs.filter((ref) => ref.includes('@')).map((ref) => ref.toLowerCase());
    if (ids.length === 0 && emails.length === 0) return [];
    const result = await sql<{ id: string; email: string; name: string; role: string }>`
      SELECT "id", "email", "name", "role"::text AS "role" FROM "Employee"
      WHERE "id" = ANY(${ids}::uuid[]) OR "email" = ANY(${emails}::text[])`.execute(tx);
    return result.rows;
  }
}
