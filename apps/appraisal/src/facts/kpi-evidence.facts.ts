import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '#libs/database';
import type { Period } from '../periods/period.js';

/** The kinds of record a KPI's evidence row points at (AppraisalEvidence.sourceKind). */
export const EVIDENCE_SOURCES = ['contract', 'sales-target', 'survey', 'visit', 'complaint', 'training-outcome'] as const;

export interface EvidenceScope {
  cycleId: string;
  period: Period;
  /** The opening instant: a visit or a complaint whose deadline has not passed yet is not judged. */
  now: Date;
}

/**
 * The evidence behind every automatic KPI of a cycle, read from where the other services keep
 * their records (read-only; with SalesFacts this folder is the one place that names their
 * tables) and written into appraisal's own AppraisalEvidence with one INSERT ... SELECT per KPI
 * for all the cycle's appraisals at once, never per person. Every date is the person's local date
 * (their work calendar's zone, else their own), as SalesFacts counts contracts.
 *
 * Each row's value is what the record contributes: a contract's amount in BASE_CURRENCY (and the
 * target's amount), a survey's score, 1 or 0 for a visit, complaint or training requirement done
 * on time or not. The KPI's number is computed from these rows only (CyclesRepository.valuesFromEvidence).
 */
@Injectable()
export class KpiEvidenceFacts {
  /**
   * Sales attainment: the person's sales target for the cycle's period and the approved contracts
   * counted on their local approval date. No target: no rows (the KPI has no data).
   */
  async salesAttainment(tx: Tx, scope: EvidenceScope): Promise<number> {
    const { cycleId, period } = scope;
    const result = await sql`
      INSERT INTO "AppraisalEvidence" ("appraisalId", "kpi", "sourceKind", "sourceId", "value")
      SELECT a."id", 'salesAttainment', 'sales-target', t."id", t."amount"
      FROM "Appraisal" a JOIN "SalesTarget" t ON t."employeeId" = a."employeeId" AND t."period" = ${period.text}
      WHERE a."cycleId" = ${cycleId}::uuid
      UNION ALL
      SELECT a."id", 'salesAttainment', 'contract', c."id", c."amountBase"
      FROM "Appraisal" a
      JOIN "SalesTarget" t ON t."employeeId" = a."employeeId" AND t."period" = ${period.text}
      ${person}
      JOIN "Contract" c ON c."ownerId" = a."employeeId" AND c."status" = 'APPROVED'
      WHERE a."cycleId" = ${cycleId}::uuid AND ${within(sql`c."decidedAt"`, period)}`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }

  /** Customer satisfaction: every survey of the person's customers answered in the period, with its score. */
  async customerSatisfaction(tx: Tx, scope: EvidenceScope): Promise<number> {
    const { cycleId, period } = scope;
    const result = await sql`
      INSERT INTO "AppraisalEvidence" ("appraisalId", "kpi", "sourceKind", "sourceId", "value")
      SELECT a."id", 'customerSatisfaction', 'survey', s."id", s."score"
      FROM "Appraisal" a ${person}
      JOIN "Customer" cu ON cu."ownerId" = a."employeeId"
      JOIN "Survey" s ON s."customerId" = cu."id" AND s."answeredAt" IS NOT NULL AND s."score" IS NOT NULL
      WHERE a."cycleId" = ${cycleId}::uuid AND ${within(sql`s."answeredAt"`, period)}`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }

  /**
   * Follow-up timeliness: the person's revisits due in the period (not cancelled), 1 when done on
   * or before the due date (customer-follow-up counts a visit overdue from the day after its due
   * date, see overdueWorkingDays), 0 when done later or still planned after it. A visit still
   * planned and not overdue yet is not judged.
   */
  async followUpTimeliness(tx: Tx, scope: EvidenceScope): Promise<number> {
    const { cycleId, period, now } = scope;
    const dueOn = sql`${local(sql`v."dueAt"`)}::date`;
    const result = await sql`
      INSERT INTO "AppraisalEvidence" ("appraisalId", "kpi", "sourceKind", "sourceId", "value")
      SELECT a."id", 'followUpTimeliness', 'visit', v."id",
        CASE WHEN v."status" = 'done' AND ${local(sql`v."completedAt"`)}::date <= ${dueOn} THEN 1 ELSE 0 END
      FROM "Appraisal" a ${person}
      JOIN "Visit" v ON v."ownerId" = a."employeeId" AND v."status" <> 'cancelled'
      WHERE a."cycleId" = ${cycleId}::uuid AND ${within(sql`v."dueAt"`, period)}
        AND (v."status" = 'done' OR ${dueOn} < ${local(sql`${now.toISOString()}::timestamp`)}::date)`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }

  /**
   * Complaints resolved within deadline: complaints assigned to the person whose resolution
   * deadline (resolveDueAt, in the assignee's working time, where customer-follow-up escalates)
   * falls in the period: 1 when resolved by then, 0 when resolved later or still open after it.
   */
  async complaintsResolvedOnTime(tx: Tx, scope: EvidenceScope): Promise<number> {
    const { cycleId, period, now } = scope;
    const result = await sql`
      INSERT INTO "AppraisalEvidence" ("appraisalId", "kpi", "sourceKind", "sourceId", "value")
      SELECT a."id", 'complaintsResolvedOnTime', 'complaint', k."id",
        CASE WHEN k."resolvedAt" IS NOT NULL AND k."resolvedAt" <= k."resolveDueAt" THEN 1 ELSE 0 END
      FROM "Appraisal" a ${person}
      JOIN "Complaint" k ON k."assigneeId" = a."employeeId"
      WHERE a."cycleId" = ${cycleId}::uuid AND ${within(sql`k."resolveDueAt"`, period)}
        AND (k."resolvedAt" IS NOT NULL OR k."resolveDueAt" < ${now.toISOString()}::timestamp)`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }

  /**
   * Mandatory training completed on time, from appraisal's own record of the training events:
   * each mandatory requirement due in the period counts once, 1 when a completion came on or
   * before its due date (in the person's zone), 0 when it went overdue or was completed late.
   * The evidence points at the deciding outcome (the on-time completion, else the first other).
   * A requirement with no outcome yet (not due, not overdue) is not judged; failed attempts decide nothing.
   */
  async mandatoryTrainingOnTime(tx: Tx, scope: EvidenceScope): Promise<number> {
    const { cycleId, period } = scope;
    const onTime = sql`(o."kind" = 'COMPLETED' AND ${local(sql`o."occurredAt"`)}::date <= o."dueOn")`;
    const result = await sql`
      INSERT INTO "AppraisalEvidence" ("appraisalId", "kpi", "sourceKind", "sourceId", "value")
      SELECT DISTINCT ON (a."id", o."requirementId") a."id", 'mandatoryTrainingOnTime', 'training-outcome', o."id",
        CASE WHEN ${onTime} THEN 1 ELSE 0 END
      FROM "Appraisal" a ${person}
      JOIN "AppraisalTrainingOutcome" o ON o."employeeId" = a."employeeId" AND o."mandatory" AND o."requirementId" IS NOT NULL
        AND o."kind" IN ('COMPLETED', 'OVERDUE')
      WHERE a."cycleId" = ${cycleId}::uuid AND o."dueOn" >= ${period.firstDay}::date AND o."dueOn" < ${period.endDay}::date
      ORDER BY a."id", o."requirementId", ${onTime} DESC, o."occurredAt", o."id"`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }
}

/** The appraised person and the zone their dates are counted in. */
const person = sql`JOIN "Employee" e ON e."id" = a."employeeId" LEFT JOIN "WorkCalendar" wc ON wc."name" = e."calendar"`;

/** A UTC timestamp column as a local timestamp in the person's zone. */
function local(column: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(wc."timezone", e."timezone"))`;
}

/**
 * The instant lies in the period on the person's local calendar. The UTC window a day wider on
 * each side lets an index narrow the rows before the per-person zone decides.
 */
function within(column: RawBuilder<unknown>, period: Period): RawBuilder<unknown> {
  return sql`${column} >= ${period.firstDay}::date - 1 AND ${column} < ${period.endDay}::date + 1
    AND ${local(column)}::date >= ${period.firstDay}::date AND ${local(column)}::date < ${period.endDay}::date`;
}
