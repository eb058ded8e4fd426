import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { RiskAlertRow as RiskAlert } from '../rows.js';
import type { AlertWrite } from './risk-alert-plan.js';
import { RISK_TYPE_CUSTOMER_DEMAND, type CustomerRiskFacts, type RiskPolicy, type RiskWindows } from './risk.rules.js';

/** A slice of customers by id: (after, upTo]; upTo null means to the end. */
export interface CustomerRange {
  after: string;
  upTo: string | null;
}

export const FIRST_CUSTOMER_ID = '00000000-0000-0000-0000-000000000000';

export type CustomerRiskRow = Omit<CustomerRiskFacts, 'workingDaysSinceVisit'> & { customerId: string; ownerId: string };

/** Alerts per upsert statement. */
const WRITE_BATCH = 5000;

interface FactsRow {
  id: string;
  owner_id: string;
  tier: CustomerRiskFacts['tier'];
  status: CustomerRiskFacts['status'];
  created_at: Date;
  recent_avg: number | null;
  recent_n: number | null;
  previous_avg: number | null;
  previous_n: number | null;
  complaints_recent: number | null;
  complaints_previous: number | null;
  last_contract: Date | null;
  last_visit: Date | null;
}

/**
 * The scan's set-based reads (aggregates per customer for a slice of customers, one
 * statement per slice whatever its size) and its batched writes.
 */
@Injectable()
export class RiskScanRepository {
  /** The id of the `size`-th customer after `after`: the end of the next slice; null when fewer remain. */
  async sliceEnd(tx: Tx, after: string, size: number): Promise<string | null> {
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM "Customer" WHERE id > ${after}::uuid ORDER BY id OFFSET ${size - 1} LIMIT 1`.execute(tx);
    return rows[0]?.id ?? null;
  }

  /**
   * Aggregates of the slice's customers that some rule may flag; the WHERE clause holds only
   * necessary conditions of the rules (cheap to test in the database), the rules decide.
   */
  async candidateFacts(tx: Tx, range: CustomerRange, windows: RiskWindows, policy: RiskPolicy): Promise<CustomerRiskRow[]> {
    const inRange = range.upTo
      ? sql`c.id > ${range.after}::uuid AND c.id <= ${range.upTo}::uuid`
      : sql`c.id > ${range.after}::uuid`;
    const { now } = windows;
    const { rows } = await sql<FactsRow>`
      WITH slice AS (
        SELECT c.id, c."ownerId", c.tier, c.status, c."createdAt",
               (c.tier = 'A' AND c.status IN ('prospect', 'active')) AS watched
        FROM "Customer" c
        WHERE ${inRange} AND c.status <> 'lost'
      ), ratings AS (
        SELECT s."customerId" AS id, s.score AS score, s."answeredAt" AS at
        FROM "Survey" s JOIN slice ON slice.id = s."customerId"
        WHERE s.score IS NOT NULL AND s."answeredAt" > ${windows.satisfactionFrom} AND s."answeredAt" <= ${now}
        UNION ALL
        SELECT v."customerId", v.satisfaction, v."completedAt"
        FROM "Visit" v JOIN slice ON slice.id = v."customerId"
        WHERE v.status = 'done' AND v.satisfaction IS NOT NULL AND v."completedAt" > ${windows.satisfactionFrom} AND v."completedAt" <= ${now}
      ), satisfaction AS (
        SELECT id,
               (avg(score) FILTER (WHERE at > ${windows.satisfactionSplit}))::float8 AS recent_avg,
               (count(*) FILTER (WHERE at > ${windows.satisfactionSplit}))::int AS recent_n,
               (avg(score) FILTER (WHERE at <= ${windows.satisfactionSplit}))::float8 AS previous_avg,
               (count(*) FILTER (WHERE at <= ${windows.satisfactionSplit}))::int AS previous_n
        FROM ratings GROUP BY id
      ), complaints AS (
        SELECT k."customerId" AS id,
               (count(*) FILTER (WHERE k."createdAt" > ${windows.complaintsSplit}))::int AS recent,
               (count(*) FILTER (WHERE k."createdAt" <= ${windows.complaintsSplit}))::int AS previous
        FROM "Complaint" k JOIN slice ON slice.id = k."customerId"
        WHERE k."createdAt" > ${windows.complaintsFrom} AND k."createdAt" <= ${now}
        GROUP BY k."customerId"
      ), contracts AS (
        SELECT k."customerId" AS id, max(coalesce(k."decidedAt", k."createdAt")) AS last
        FROM "Contract" k JOIN slice ON slice.id = k."customerId" AND slice.watched
        WHERE k.status = 'APPROVED' AND coalesce(k."decidedAt", k."createdAt") <= ${now}
        GROUP BY k."customerId"
      ), visits AS (
        SELECT v."customerId" AS id, max(v."completedAt") AS last
        FROM "Visit" v JOIN slice ON slice.id = v."customerId" AND slice.watched
        WHERE v.status = 'done' AND v."completedAt" <= ${now}
        GROUP BY v."customerId"
      )
      SELECT slice.id, slice."ownerId" AS owner_id, slice.tier, slice.status, slice."createdAt" AS created_at,
             s.recent_avg, s.recent_n, s.previous_avg, s.previous_n,
             k.recent AS complaints_recent, k.previous AS complaints_previous,
             ct.last AS last_contract, vt.last AS last_visit
      FROM slice
      LEFT JOIN satisfaction s ON s.id = slice.id
      LEFT JOIN complaints k ON k.id = slice.id
      LEFT JOIN contracts ct ON ct.id = slice.id
      LEFT JOIN visits vt ON vt.id = slice.id
      WHERE (s.recent_n > 0 AND s.previous_n > 0)
         OR k.recent >= ${policy.complaintSpikeMinimum}
         OR (slice.watched AND (coalesce(ct.last, slice."createdAt") <= ${windows.contractsBefore}
                                OR coalesce(vt.last, slice."createdAt") <= ${windows.visitsBeforeAtLeast}))`.execute(tx);
    return rows.map((r) => ({
      customerId: r.id,
      ownerId: r.owner_id,
      tier: r.tier,
      status: r.status,
      createdAt: r.created_at,
      satisfaction: { recentAverage: r.recent_avg, recentCount: r.recent_n ?? 0, previousAverage: r.previous_avg, previousCount: r.previous_n ?? 0 },
      complaints: { recent: r.complaints_recent ?? 0, previous: r.complaints_previous ?? 0 },
      lastApprovedContractAt: r.last_contract,
      lastCompletedVisitAt: r.last_visit,
    }));
  }

  /** Concurrent scans (a duplicate job after a Redis flush) take turns slice by slice, so an alert is decided once. */
  async serializeScans(tx: Tx): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('followup-risk-scan'))`.execute(tx);
  }

  /** The slice's customer-demand alerts, locked until the transaction ends (acknowledge and snooze wait for it). */
  async lockAlertsIn(tx: Tx, range: CustomerRange): Promise<RiskAlert[]> {
    let query = tx.selectFrom('RiskAlert').selectAll().where('type', '=', RISK_TYPE_CUSTOMER_DEMAND).where('subjectId', '>', range.after);
    if (range.upTo) query = query.where('subjectId', '<=', range.upTo);
    return query.forUpdate().execute();
  }

  /** Inserts new alerts and updates existing ones, a batch per statement. */
  async writeAlerts(tx: Tx, alerts: AlertWrite[], now: Date, type: string = RISK_TYPE_CUSTOMER_DEMAND): Promise<void> {
    // A demand alert carries its customer's owner (the digest reads it by that), taken as it is written.
    const owner = type === RISK_TYPE_CUSTOMER_DEMAND ? sql`c."ownerId"` : sql`NULL::uuid`;
    for (let i = 0; i < alerts.length; i += WRITE_BATCH) {
      // One JSON parameter per batch, not twelve per row: binding thousands of parameters cost the
      // driver more than the statement (a first scan writes 150,000 alerts).
      const rows = JSON.stringify(alerts.slice(i, i + WRITE_BATCH));
      await sql`
        INSERT INTO "RiskAlert" (id, type, "subjectId", rule, severity, evidence, status, "snoozedUntil", "lastSentAt", "createdAt", "updatedAt", "customerOwnerId")
        SELECT a.id, ${type}, a."subjectId", a.rule, a.severity, a.evidence, a.status::"RiskAlertStatus", a."snoozedUntil", a."lastSentAt", ${now}::timestamp, ${now}::timestamp, ${owner}
        FROM jsonb_to_recordset(${rows}::jsonb) AS a(id uuid, "subjectId" uuid, rule text, severity float8, evidence jsonb, status text, "snoozedUntil" timestamp, "lastSentAt" timestamp)
        LEFT JOIN "Customer" c ON c.id = a."subjectId"
        ON CONFLICT (type, "subjectId", rule) DO UPDATE SET
          severity = EXCLUDED.severity, evidence = EXCLUDED.evidence, status = EXCLUDED.status, "customerOwnerId" = EXCLUDED."customerOwnerId",
          "snoozedUntil" = EXCLUDED."snoozedUntil", "lastSentAt" = EXCLUDED."lastSentAt", "updatedAt" = EXCLUDED."updatedAt",
          "resolvedAt" = CASE WHEN EXCLUDED.severity > 0 THEN NULL ELSE "RiskAlert"."resolvedAt" END,
          "tasksDone" = CASE WHEN EXCLUDED.severity > 0 THEN NULL ELSE "RiskAlert"."tasksDone" END`.execute(tx);
    }
  }

  customersByIds(tx: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.selectFrom('Customer').select(['id', 'code', 'name', 'tier', 'ownerId']).where('id', '=', (eb) => eb.fn.any(eb.val(ids))).execute();
  }
}
