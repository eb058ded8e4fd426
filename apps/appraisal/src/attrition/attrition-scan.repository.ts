import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';

export interface ScoreRow {
  employeeId: string;
  appraisalId: string;
  period: string;
  score: number;
}

export interface StatementRow {
  employeeId: string;
  id: string;
  period: string;
  total: number;
}

export interface OverdueRow {
  employeeId: string;
  outcomeIds: string[];
}

/**
 * The attrition scan's reads of appraisal's own records, for everyone in the watched roles at
 * once: one statement per signal, never one per person.
 */
@Injectable()
export class AttritionScanRepository {
  /**
   * Each person's two latest scored appraisals (by cycle opening), latest first, only for people
   * whose score fell by at least minDrop. Scored: a score computed (scoredAt); signedOffOnly
   * narrows it to signed-off ones.
   */
  async fallingScores(tx: Tx, roles: string[], minDrop: number, signedOffOnly: boolean): Promise<ScoreRow[]> {
    const { rows } = await sql<ScoreRow>`
      WITH ranked AS (
        SELECT a."employeeId", a."id", c."period", a."score"::float8 AS score,
          row_number() OVER (PARTITION BY a."employeeId" ORDER BY c."openedAt" DESC, a."id" DESC) AS n
        FROM "Appraisal" a
        JOIN "AppraisalCycle" c ON c."id" = a."cycleId"
        JOIN "Employee" e ON e."id" = a."employeeId" AND e."role"::text = ANY(${roles}::text[])
        WHERE a."score" IS NOT NULL AND a."scoredAt" IS NOT NULL AND (NOT ${signedOffOnly} OR a."status" = 'SIGNED_OFF')
      ), falling AS (
        SELECT latest."employeeId" FROM ranked latest JOIN ranked previous ON previous."employeeId" = latest."employeeId" AND previous.n = 2
        WHERE latest.n = 1 AND previous.score - latest.score >= ${minDrop}
      )
      SELECT r."employeeId" AS "employeeId", r."id" AS "appraisalId", r."period" AS "period", r.score AS "score"
      FROM ranked r JOIN falling f ON f."employeeId" = r."employeeId"
      WHERE r.n <= 2 ORDER BY r."employeeId", r.n`.execute(tx);
    return rows;
  }

  /** Each person's latest `count` monthly statements of months ended by `today`, latest first, only for people with all of them. */
  async recentMonthlyStatements(tx: Tx, roles: string[], today: string, count: number): Promise<StatementRow[]> {
    const { rows } = await sql<StatementRow>`
      WITH ranked AS (
        SELECT s."employeeId", s."id", s."period", s."total"::float8 AS total,
          row_number() OVER (PARTITION BY s."employeeId" ORDER BY s."periodFirstDay" DESC) AS n
        FROM "CommissionStatement" s
        JOIN "Employee" e ON e."id" = s."employeeId" AND e."role"::text = ANY(${roles}::text[])
        WHERE s."period" ~ '^[0-9]{4}-[0-9]{2}$' AND s."periodEndDay" <= ${today}::date
      ), complete AS (
        SELECT "employeeId" FROM ranked WHERE n <= ${count} GROUP BY "employeeId" HAVING count(*) = ${count}
      )
      SELECT r."employeeId" AS "employeeId", r."id" AS "id", r."period" AS "period", r.total AS "total"
      FROM ranked r JOIN complete USING ("employeeId")
      WHERE r.n <= ${count} ORDER BY r."employeeId", r.n`.execute(tx);
    return rows;
  }

  /**
   * Mandatory requirements the training service reported overdue (appraisal's record of
   * training.overdue) with no completion since: of the same requirement, or of the same course
   * after the due date.
   */
  async overdueTraining(tx: Tx, roles: string[]): Promise<OverdueRow[]> {
    const { rows } = await sql<OverdueRow>`
      SELECT o."employeeId" AS "employeeId", array_agg(o."id" ORDER BY o."dueOn", o."id") AS "outcomeIds"
      FROM "AppraisalTrainingOutcome" o
      JOIN "Employee" e ON e."id" = o."employeeId" AND e."role"::text = ANY(${roles}::text[])
      WHERE o."kind" = 'OVERDUE' AND o."mandatory"
        AND NOT EXISTS (
          SELECT 1 FROM "AppraisalTrainingOutcome" d
          WHERE d."employeeId" = o."employeeId" AND d."kind" = 'COMPLETED'
            AND (d."requirementId" = o."requirementId" OR (d."courseId" = o."courseId" AND d."occurredAt" >= o."occurredAt")))
      GROUP BY o."employeeId"`.execute(tx);
    return rows;
  }
}
