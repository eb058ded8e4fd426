import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { RiskAlertRow } from '../rows.js';
import {
  RISK_TYPE_COMPETITION, type CompetitionPolicy, type CompetitionWindows, type Director, type DirectorShareFacts, type DiscountFacts, type LossFacts, type Segment, type TierDropFacts,
} from './competition.rules.js';

interface SegmentColumns {
  region: string | null;
  product_line: string | null;
  customer_type: string | null;
}

type LossRow = LossFacts;
type DiscountRow = DiscountFacts;
type DirectorShareRow = DirectorShareFacts;
type TierDropRow = TierDropFacts;

const EVIDENCE_IDS = 20;

const segmentOf = (row: SegmentColumns): Segment => ({ region: row.region, productLine: row.product_line, customerType: row.customer_type });

/**
 * The competition scan's reads: one statement per rule over every contract (or tier change) in
 * the two windows, grouped by segment (region, product line, customer type). Each HAVING holds
 * only necessary conditions of its rule (the pure rules decide), so only candidate segments come back.
 * Contracts are contract-approval's and the audit trail is shared: read only.
 */
@Injectable()
export class CompetitionScanRepository {
  /** Contracts withdrawn as lost to a competitor, per segment; the window's contract ids and competitors. */
  async competitorLosses(tx: Tx, w: CompetitionWindows, policy: CompetitionPolicy): Promise<LossRow[]> {
    const { rows } = await sql<SegmentColumns & { recent: number; trailing: number; ids: string[] | null; competitors: string[] | null }>`
      WITH lost AS (
        SELECT k.id, coalesce(k.region, cu.region) AS region, k."productLine" AS product_line, cu.industry AS customer_type,
               k."lostCompetitorId" AS competitor_id, coalesce(k."decidedAt", k."updatedAt") AS at
        FROM "Contract" k LEFT JOIN "Customer" cu ON cu.id = k."customerId"
        WHERE k.status = 'WITHDRAWN' AND k."lostReason" = 'competitor'
          AND coalesce(k."decidedAt", k."updatedAt") > ${w.trailingFrom} AND coalesce(k."decidedAt", k."updatedAt") <= ${w.now}
      )
      SELECT region, product_line, customer_type,
             (count(*) FILTER (WHERE at > ${w.recentFrom}))::int AS recent,
             (count(*) FILTER (WHERE at <= ${w.recentFrom}))::int AS trailing,
             (array_agg(id ORDER BY at DESC, id) FILTER (WHERE at > ${w.recentFrom}))[1:${sql.lit(EVIDENCE_IDS)}]::text[] AS ids,
             (array_agg(competitor_id) FILTER (WHERE at > ${w.recentFrom} AND competitor_id IS NOT NULL))::text[] AS competitors
      FROM lost GROUP BY region, product_line, customer_type
      HAVING count(*) FILTER (WHERE at > ${w.recentFrom}) >= ${policy.losses.minimum}`.execute(tx);
    return rows.map((r) => ({ ...segmentOf(r), recentCount: r.recent, trailingCount: r.trailing, contractIds: r.ids ?? [], competitorIds: r.competitors ?? [] }));
  }

  /** The average discount of contracts approved in each window, per segment, with the weekly series of the flagged ones. */
  async discountDrift(tx: Tx, w: CompetitionWindows, policy: CompetitionPolicy): Promise<DiscountRow[]> {
    const { minContracts, risePoints } = policy.discountDrift;
    const { rows } = await sql<SegmentColumns & { recent_avg: number; recent_n: number; trailing_avg: number; trailing_n: number; ids: string[] | null; series: DiscountRow['series'] | null }>`
      WITH approved AS (
        SELECT k.id, coalesce(k.region, cu.region) AS region, k."productLine" AS product_line, cu.industry AS customer_type,
               k."discountPct"::float8 AS discount, k."decidedAt" AS at
        FROM "Contract" k LEFT JOIN "Customer" cu ON cu.id = k."customerId"
        WHERE k.status IN ('APPROVED', 'REVERSED') AND k."decidedAt" > ${w.trailingFrom} AND k."decidedAt" <= ${w.now}
      ), segments AS (
        SELECT region, product_line, customer_type,
               (avg(discount) FILTER (WHERE at > ${w.recentFrom}))::float8 AS recent_avg,
               (count(*) FILTER (WHERE at > ${w.recentFrom}))::int AS recent_n,
               (avg(discount) FILTER (WHERE at <= ${w.recentFrom}))::float8 AS trailing_avg,
               (count(*) FILTER (WHERE at <= ${w.recentFrom}))::int AS trailing_n,
               (array_agg(id ORDER BY at DESC, id) FILTER (WHERE at > ${w.recentFrom}))[1:${sql.lit(EVIDENCE_IDS)}]::text[] AS ids
        FROM approved GROUP BY region, product_line, customer_type
        HAVING count(*) FILTER (WHERE at > ${w.recentFrom}) >= ${minContracts} AND count(*) FILTER (WHERE at <= ${w.recentFrom}) >= ${minContracts}
           AND avg(discount) FILTER (WHERE at > ${w.recentFrom}) - avg(discount) FILTER (WHERE at <= ${w.recentFrom}) >= ${risePoints}
      )
      SELECT s.*, (
        SELECT jsonb_agg(jsonb_build_object('from', to_char(wk.week, 'YYYY-MM-DD'), 'average', round(wk.average::numeric, 2)::float8, 'count', wk.n) ORDER BY wk.week)
        FROM (SELECT date_trunc('week', a.at) AS week, avg(a.discount) AS average, count(*)::int AS n FROM approved a
              WHERE a.region IS NOT DISTINCT FROM s.region AND a.product_line IS NOT DISTINCT FROM s.product_line AND a.customer_type IS NOT DISTINCT FROM s.customer_type
              GROUP BY 1) wk
      ) AS series
      FROM segments s`.execute(tx);
    return rows.map((r) => ({
      ...segmentOf(r), recentAverage: r.recent_avg, recentCount: r.recent_n, trailingAverage: r.trailing_avg, trailingCount: r.trailing_n, contractIds: r.ids ?? [], series: r.series ?? [],
    }));
  }

  /** Of the contracts submitted in each window, per segment, how many had the policy's director stage on their route. */
  async directorShare(tx: Tx, w: CompetitionWindows, policy: CompetitionPolicy): Promise<DirectorShareRow[]> {
    const { minContracts, stage } = policy.directorShare;
    const { rows } = await sql<SegmentColumns & { recent_n: number; recent_d: number; trailing_n: number; trailing_d: number; ids: string[] | null }>`
      WITH submitted AS (
        SELECT k.id, coalesce(k.region, cu.region) AS region, k."productLine" AS product_line, cu.industry AS customer_type, k."createdAt" AS at,
               d."contractId" IS NOT NULL AS director
        FROM "Contract" k LEFT JOIN "Customer" cu ON cu.id = k."customerId"
        LEFT JOIN (SELECT DISTINCT g."contractId" FROM "ApprovalStage" g WHERE g.name = ${stage}) d ON d."contractId" = k.id
        WHERE k."createdAt" > ${w.trailingFrom} AND k."createdAt" <= ${w.now}
      )
      SELECT region, product_line, customer_type,
             (count(*) FILTER (WHERE at > ${w.recentFrom}))::int AS recent_n,
             (count(*) FILTER (WHERE at > ${w.recentFrom} AND director))::int AS recent_d,
             (count(*) FILTER (WHERE at <= ${w.recentFrom}))::int AS trailing_n,
             (count(*) FILTER (WHERE at <= ${w.recentFrom} AND director))::int AS trailing_d,
             (array_agg(id ORDER BY at DESC, id) FILTER (WHERE at > ${w.recentFrom} AND director))[1:${sql.lit(EVIDENCE_IDS)}]::text[] AS ids
      FROM submitted GROUP BY region, product_line, customer_type
      HAVING count(*) FILTER (WHERE at > ${w.recentFrom}) >= ${minContracts} AND count(*) FILTER (WHERE at <= ${w.recentFrom}) >= ${minContracts}
         AND count(*) FILTER (WHERE at > ${w.recentFrom} AND director) > 0`.execute(tx);
    return rows.map((r) => ({
      ...segmentOf(r), recentCount: r.recent_n, recentDirector: r.recent_d, trailingCount: r.trailing_n, trailingDirector: r.trailing_d, contractIds: r.ids ?? [],
    }));
  }

  /**
   * A and B tier customers whose tier went down, per region and customer type (a customer has no
   * product line: null), from the audit trail's customer entries that carry the tier before and
   * after (the tier recomputed on an approval, an edit). A partial index keeps it to those entries.
   */
  async tierDrops(tx: Tx, w: CompetitionWindows, policy: CompetitionPolicy): Promise<TierDropRow[]> {
    const { rows } = await sql<SegmentColumns & { recent: number; trailing: number; customers: TierDropRow['customers'] | null }>`
      SELECT cu.region, NULL::text AS product_line, cu.industry AS customer_type,
             (count(*) FILTER (WHERE e.at > ${w.recentFrom}))::int AS recent,
             (count(*) FILTER (WHERE e.at <= ${w.recentFrom}))::int AS trailing,
             (jsonb_agg(jsonb_build_object('id', cu.id, 'from', e.before->>'tier', 'to', e.after->>'tier') ORDER BY e.at DESC) FILTER (WHERE e.at > ${w.recentFrom})) AS customers
      FROM "AuditEntry" e JOIN "Customer" cu ON cu.id = e."entityId"
      WHERE e."entityType" = 'customer' AND e.before ? 'tier' AND e.at > ${w.trailingFrom} AND e.at <= ${w.now}
        AND e.before->>'tier' IN ('A', 'B') AND e.after->>'tier' IN ('B', 'C') AND e.after->>'tier' > e.before->>'tier'
      GROUP BY cu.region, cu.industry
      HAVING count(*) FILTER (WHERE e.at > ${w.recentFrom}) >= ${policy.tierDrops.minimum}`.execute(tx);
    return rows.map((r) => ({ ...segmentOf(r), recentCount: r.recent, trailingCount: r.trailing, customers: (r.customers ?? []).slice(0, EVIDENCE_IDS) }));
  }

  async competitorNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.selectFrom('Competitor').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every sales director, with what they are responsible for. */
  async directors(tx: Tx): Promise<Director[]> {
    return tx.selectFrom('Employee').select(['id', 'region', 'productLines']).where('role', '=', 'SALES_DIRECTOR').execute();
  }

  /** The segment's A-tier customers (not lost): a competition alert's revisits are booked for them. */
  async aTierCustomerIds(tx: Tx, segment: Segment): Promise<string[]> {
    let query = tx.selectFrom('Customer').select('id').where('tier', '=', 'A').where('status', '!=', 'lost');
    query = segment.region === null ? query.where('region', 'is', null) : query.where('region', '=', segment.region);
    query = segment.customerType === null ? query.where('industry', 'is', null) : query.where('industry', '=', segment.customerType);
    return (await query.orderBy('id').execute()).map((row) => row.id);
  }

  /** Every competition alert, locked until the transaction ends (a few per segment: one slice). */
  async lockAlerts(tx: Tx): Promise<RiskAlertRow[]> {
    return tx.selectFrom('RiskAlert').selectAll().where('type', '=', RISK_TYPE_COMPETITION).forUpdate().execute();
  }

  /** Concurrent scans (a duplicate job, POST /risk-scans during the daily one) take turns, so an alert is decided once. */
  async serializeScans(tx: Tx): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('followup-competition-scan'))`.execute(tx);
  }
}
