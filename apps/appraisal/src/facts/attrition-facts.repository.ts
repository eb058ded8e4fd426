import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { Period } from '../periods/period.js';
import { localDecidedAt } from './sales-facts.repository.js';

export interface TargetAttainmentRow {
  employeeId: string;
  period: string;
  targetId: string;
  target: number;
  actual: number;
  contractIds: string[];
}

export interface SentBackRow {
  employeeId: string;
  count: number;
  contractIds: string[];
}

/**
 * What the attrition scan reads of contract-approval's records (read-only), for everyone in the
 * watched roles at once: one statement per signal, never one per person.
 */
@Injectable()
export class AttritionFacts {
  /**
   * Each target of the periods with the approved contracts counted on their local approval date
   * (BASE_CURRENCY, the owner's zone, as SalesFacts counts them).
   */
  async targetAttainment(tx: Tx, roles: string[], periods: Period[]): Promise<TargetAttainmentRow[]> {
    if (periods.length === 0) return [];
    const { rows } = await sql<TargetAttainmentRow>`
      WITH p AS (
        SELECT * FROM unnest(${periods.map((x) => x.text)}::text[], ${periods.map((x) => x.firstDay)}::date[], ${periods.map((x) => x.endDay)}::date[]) AS p(period, first_day, end_day)
      )
      SELECT t."employeeId" AS "employeeId", t."period" AS "period", t."id" AS "targetId", t."amount"::float8 AS "target",
        coalesce(sum(c."amountBase"), 0)::float8 AS "actual", coalesce(array_agg(c."id" ORDER BY c."decidedAt") FILTER (WHERE c."id" IS NOT NULL), '{}') AS "contractIds"
      FROM "SalesTarget" t
      JOIN p ON p.period = t."period"
      JOIN "Employee" e ON e."id" = t."employeeId" AND e."role"::text = ANY(${roles}::text[])
      LEFT JOIN "WorkCalendar" wc ON wc."name" = e."calendar"
      LEFT JOIN "Contract" c ON c."ownerId" = t."employeeId" AND c."status" = 'APPROVED'
        AND c."decidedAt" >= p.first_day - 1 AND c."decidedAt" < p.end_day + 1
        AND ${localDecidedAt}::date >= p.first_day AND ${localDecidedAt}::date < p.end_day
      GROUP BY t."id"`.execute(tx);
    return rows;
  }

  /**
   * Per person, the times an approver rejected one of their contracts or sent it back for changes
   * in [from, to): one per contract and approval round (several approvers of one round count once).
   */
  async contractsSentBack(tx: Tx, roles: string[], from: Date, to: Date, minimum: number): Promise<SentBackRow[]> {
    const { rows } = await sql<SentBackRow>`
      WITH sent_back AS (
        SELECT DISTINCT c."ownerId", c."id" AS "contractId", st."round"
        FROM "ApprovalStep" s
        JOIN "ApprovalStage" st ON st."id" = s."stageId"
        JOIN "Contract" c ON c."id" = s."contractId"
        JOIN "Employee" e ON e."id" = c."ownerId" AND e."role"::text = ANY(${roles}::text[])
        WHERE s."status" IN ('REJECTED', 'CHANGES_REQUESTED') AND s."decidedAt" >= ${from} AND s."decidedAt" < ${to}
      )
      SELECT "ownerId" AS "employeeId", count(*)::int AS "count", array_agg(DISTINCT "contractId") AS "contractIds"
      FROM sent_back GROUP BY "ownerId" HAVING count(*) >= ${minimum}`.execute(tx);
    return rows;
  }
}
