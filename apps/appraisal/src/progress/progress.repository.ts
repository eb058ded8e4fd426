import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';

/** SQL of the progress email: one statement for a whole batch of managers. */
@Injectable()
export class ProgressRepository {
  /** Everyone with at least one direct report, or those of `among` (null: everyone). */
  async managerIds(tx: Tx, among: string[] | null): Promise<string[]> {
    if (among?.length === 0) return [];
    const result = await sql<{ managerId: string }>`
      SELECT DISTINCT "managerId" FROM "Employee" WHERE "managerId" IS NOT NULL
        ${among ? sql`AND "managerId" = ANY(${among}::uuid[])` : sql``}
      ORDER BY "managerId"`.execute(tx);
    return result.rows.map((row) => row.managerId);
  }

  /** Each manager's reporting line (everyone below them, any depth), as (manager, person) pairs. */
  async lines(tx: Tx, managerIds: string[]): Promise<{ managerId: string; employeeId: string }[]> {
    if (managerIds.length === 0) return [];
    const result = await sql<{ managerId: string; employeeId: string }>`
      WITH RECURSIVE line AS (
        SELECT e."managerId" AS "managerId", e."id" AS "employeeId" FROM "Employee" e WHERE e."managerId" = ANY(${managerIds}::uuid[])
        UNION
        SELECT l."managerId", e."id" FROM "Employee" e JOIN line l ON e."managerId" = l."employeeId"
      ) SELECT "managerId", "employeeId" FROM line`.execute(tx);
    return result.rows;
  }

  /** Everyone above these people in their reporting lines. */
  async managersAbove(tx: Tx, employeeIds: string[]): Promise<string[]> {
    if (employeeIds.length === 0) return [];
    const result = await sql<{ id: string }>`
      WITH RECURSIVE up AS (
        SELECT e."managerId" AS id FROM "Employee" e WHERE e."id" = ANY(${employeeIds}::uuid[]) AND e."managerId" IS NOT NULL
        UNION
        SELECT e."managerId" FROM "Employee" e JOIN up ON e."id" = up.id WHERE e."managerId" IS NOT NULL
      ) SELECT id FROM up`.execute(tx);
    return result.rows.map((row) => row.id);
  }
}
