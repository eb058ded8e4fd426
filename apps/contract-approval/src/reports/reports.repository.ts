import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '#libs/database';
import type { ReportWindow } from '#libs/time';

export interface SalesRow {
  month: string;
  region: string;
  productLine: string;
  customerType: string;
  contracts: number;
  /** Sum of amountBase, a decimal string. */
  amount: string;
}

export interface DiscountRow {
  discountPct: number;
  contracts: number;
  amount: string;
}

export interface StageCycleRow {
  stage: string;
  decided: number;
  averageHours: number | null;
  maxHours: number | null;
  breaches: number;
  pendingOverdue: number;
}

export interface InFlightRow {
  contractId: string;
  stage: string;
  since: Date | null;
  dueAt: Date | null;
  waitingFor: string[];
}

/** Stands for "no value" in a grouping column (a contract without a region, say). */
export const NONE = '(none)';

/** Owners a report reads: null means everyone (ADMIN). */
function ownedBy(column: RawBuilder<unknown>, owners: string[] | null): RawBuilder<unknown> {
  return owners === null ? sql`TRUE` : sql`${column} = ANY(${owners}::uuid[])`;
}

/** A UTC `timestamp` column as the local month in the window's zone. */
function localMonth(column: RawBuilder<unknown>, zone: string): RawBuilder<unknown> {
  return sql`to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${zone}, 'YYYY-MM')`;
}

/**
 * The figures of the sales analysis, each one set-based statement over the window. Customer type
 * is the customer's tier, read (read-only, for reporting) from customer-follow-up's "Customer"
 * table the way appraisal reads "Contract" for KPIs; a contract without a customer record counts
 * as "(none)".
 */
@Injectable()
export class ReportsRepository {
  async sales(db: Tx, owners: string[] | null, window: ReportWindow): Promise<SalesRow[]> {
    const { rows } = await sql<SalesRow>`
      SELECT ${localMonth(sql`c."decidedAt"`, window.zone)} AS month, COALESCE(c.region, ${NONE}) AS region,
        COALESCE(c."productLine", ${NONE}) AS "productLine", COALESCE(cu.tier::text, ${NONE}) AS "customerType",
        count(*)::int AS contracts, sum(c."amountBase")::text AS amount
      FROM "Contract" c LEFT JOIN "Customer" cu ON cu.id = c."customerId"
      WHERE c.status = 'APPROVED' AND c."decidedAt" >= ${window.start} AND c."decidedAt" < ${window.end} AND ${ownedBy(sql`c."ownerId"`, owners)}
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`.execute(db);
    return rows;
  }

  /** Every contract submitted in the window, whatever became of it, by whole discount percent. */
  async discounts(db: Tx, owners: string[] | null, window: ReportWindow): Promise<DiscountRow[]> {
    const { rows } = await sql<DiscountRow>`
      SELECT floor(c."discountPct")::int AS "discountPct", count(*)::int AS contracts, sum(c."amountBase")::text AS amount
      FROM "Contract" c
      WHERE c."createdAt" >= ${window.start} AND c."createdAt" < ${window.end} AND ${ownedBy(sql`c."ownerId"`, owners)}
      GROUP BY 1 ORDER BY 1`.execute(db);
    return rows;
  }

  /**
   * Per stage name: stages decided in the window, their time from start to decision (hours of the
   * clock, not working hours), those decided after their SLA deadline, and those still pending
   * past it at `now`.
   */
  async approvalCycle(db: Tx, owners: string[] | null, window: ReportWindow, now: Date): Promise<StageCycleRow[]> {
    const { rows } = await sql<StageCycleRow>`
      SELECT s.name AS stage,
        count(*) FILTER (WHERE s."decidedAt" >= ${window.start} AND s."decidedAt" < ${window.end})::int AS decided,
        round(avg(extract(epoch FROM s."decidedAt" - s."startedAt") / 3600) FILTER (WHERE s."decidedAt" >= ${window.start} AND s."decidedAt" < ${window.end})::numeric, 2)::float8 AS "averageHours",
        round(max(extract(epoch FROM s."decidedAt" - s."startedAt") / 3600) FILTER (WHERE s."decidedAt" >= ${window.start} AND s."decidedAt" < ${window.end})::numeric, 2)::float8 AS "maxHours",
        count(*) FILTER (WHERE s."decidedAt" >= ${window.start} AND s."decidedAt" < ${window.end} AND s."decidedAt" > s."dueAt")::int AS breaches,
        count(*) FILTER (WHERE s.status = 'PENDING' AND s."dueAt" < ${now})::int AS "pendingOverdue"
      FROM "ApprovalStage" s JOIN "Contract" c ON c.id = s."contractId"
      WHERE s."startedAt" IS NOT NULL AND ${ownedBy(sql`c."ownerId"`, owners)}
        AND ((s."decidedAt" >= ${window.start} AND s."decidedAt" < ${window.end}) OR (s.status = 'PENDING' AND s."dueAt" < ${now}))
      GROUP BY s.name ORDER BY min(s.position), s.name`.execute(db);
    return rows;
  }

  /** Contracts waiting for approval: the stage they wait at, since when, and who may decide now. */
  async inFlight(db: Tx, owners: string[] | null, limit: number): Promise<InFlightRow[]> {
    const { rows } = await sql<InFlightRow>`
      SELECT c.id AS "contractId", s.name AS stage, s."startedAt" AS since, s."dueAt" AS "dueAt",
        COALESCE(array_agg(DISTINCT a."employeeId"::text) FILTER (WHERE a."employeeId" IS NOT NULL), '{}') AS "waitingFor"
      FROM "Contract" c
      JOIN "ApprovalStage" s ON s."contractId" = c.id AND s.round = c.round AND s.status = 'PENDING'
      LEFT JOIN "ApprovalStep" st ON st."stageId" = s.id AND st.status = 'PENDING'
      LEFT JOIN "StepAssignee" a ON a."stepId" = st.id AND a.active
      WHERE c.status = 'PENDING_APPROVAL' AND ${ownedBy(sql`c."ownerId"`, owners)}
      GROUP BY c.id, s.id
      ORDER BY s."startedAt" NULLS LAST, c.id
      LIMIT ${limit}`.execute(db);
    return rows;
  }
}
