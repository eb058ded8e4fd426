import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import { RISK_ALERT_TYPES, RISK_TYPE_ATTRITION, RISK_TYPE_CUSTOMER_DEMAND } from '#libs/contracts';
import type { RiskLinkGrant } from '#libs/notifications';

/** One alert of a manager's digest, with the number of open alerts of their line. */
export interface DigestAlertRow {
  managerId: string;
  total: number;
  id: string;
  type: string;
  rule: string;
  severity: number;
  createdAt: Date;
  about: string;
  openTasks: number;
}

/**
 * Open alerts and who reads them (one statement each). An alert is open while its rule holds
 * (severity > 0), it is not resolved, and it is neither acknowledged nor snoozed (a snooze that
 * ended counts as open). Its anchor is the customer's owner (customer demand), the person
 * (attrition), or the owner of its first task (any other type: competition). Its readers are
 * everyone above the anchor; also the anchor when the alert is not about them and they have no
 * manager (a demand alert of a top-level owner, as its email goes to them), and always for other
 * types (the director responsible).
 */
const IS_OPEN = (now: Date) => sql`a.severity > 0 AND a."resolvedAt" IS NULL AND (a.status = 'open' OR (a.status = 'snoozed' AND a."snoozedUntil" <= ${now}))`;

/** The types anchored on their first task's owner: every type but customer demand and attrition (competition). */
const TASK_ANCHORED_TYPES = RISK_ALERT_TYPES.filter((type) => type !== RISK_TYPE_CUSTOMER_DEMAND && type !== RISK_TYPE_ATTRITION);

/**
 * Each open alert with its anchor, whether the anchor reads it (null for customer demand: when the
 * owner has no manager, which the caller knows from its own walk), and what it is about. `members`
 * (a CTE of employee ids, column `member`) limits it to alerts anchored on them, driving each
 * branch through an index (the open demand alerts by customer owner, RiskAlert by type), so a
 * batch of managers reads its own lines' alerts, not every open alert. A demand alert's `about`
 * is left null here with its customer in `about_customer`, read for the listed ones only (topOpenAlerts).
 */
const ANCHORED = (now: Date, members: ReturnType<typeof sql> | null) => {
  const anchorIn = (column: ReturnType<typeof sql>) => (members ? sql`AND ${column} IN (SELECT member FROM ${members})` : sql``);
  // A demand alert carries its customer's owner (customerOwnerId): each member's open alerts come
  // through the partial index of the open ones, without a look at their customers. OFFSET 0 keeps
  // the planner, which guesses 200 members for the CTE, from hashing them against every open alert.
  const openDemandAlerts = (owner: ReturnType<typeof sql> | null) => sql`
    SELECT a.id, a.type, a.rule, a.severity, a."createdAt", a."customerOwnerId", a."subjectId" FROM "RiskAlert" a
    WHERE a.type = ${RISK_TYPE_CUSTOMER_DEMAND} AND ${IS_OPEN(now)} ${owner ? sql`AND a."customerOwnerId" = ${owner} OFFSET 0` : sql``}`;
  const demand = members ? sql`${members} m CROSS JOIN LATERAL (${openDemandAlerts(sql`m.member`)}) a` : sql`(${openDemandAlerts(null)}) a`;
  return sql`
  anchored AS (
    SELECT a.id, a.type, a.rule, a.severity, a."createdAt", a."customerOwnerId" AS anchor, NULL::boolean AS anchor_reads, NULL::text AS about, a."subjectId" AS about_customer
    FROM ${demand}
    UNION ALL
    SELECT a.id, a.type, a.rule, a.severity, a."createdAt", a."subjectId", false, p.name, NULL::uuid
    FROM "RiskAlert" a JOIN "Employee" p ON p.id = a."subjectId"
    WHERE a.type = ${RISK_TYPE_ATTRITION} AND ${IS_OPEN(now)} ${anchorIn(sql`a."subjectId"`)}
    UNION ALL
    SELECT a.id, a.type, a.rule, a.severity, a."createdAt", t."ownerId", true, coalesce(a.evidence->'facts'->>'segment', a.type || ' ' || a.rule), NULL::uuid
    FROM "RiskAlert" a
    JOIN LATERAL (SELECT "ownerId" FROM "RiskTask" WHERE "alertId" = a.id ORDER BY "createdAt", kind LIMIT 1) t ON true
    WHERE a.type = ANY(${TASK_ANCHORED_TYPES}::text[]) AND ${IS_OPEN(now)} ${anchorIn(sql`t."ownerId"`)}
  )`;
};

/** Deeper than any real reporting line; a cycle stops here instead of looping. */
const MAX_DEPTH = 50;

@Injectable()
export class RiskDigestRepository {
  /** Everyone who reads at least one open alert: the managers whose digest timers must be armed. */
  async readersOfOpenAlerts(tx: Tx, now: Date): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      WITH RECURSIVE ${ANCHORED(now, null)},
      readers AS (
        SELECT DISTINCT an.anchor AS reader, 0 AS depth, coalesce(an.anchor_reads, owner."managerId" IS NULL) AS reads
        FROM anchored an JOIN "Employee" owner ON owner.id = an.anchor
        UNION
        SELECT e."managerId", r.depth + 1, true FROM readers r JOIN "Employee" e ON e.id = r.reader
        WHERE e."managerId" IS NOT NULL AND r.depth < ${MAX_DEPTH}
      )
      SELECT DISTINCT reader AS id FROM readers WHERE reads`.execute(tx);
    return rows.map((r) => r.id);
  }

  /** Each manager's `top` worst open alerts of their line (severity, then the oldest), with their line's total. */
  async topOpenAlerts(tx: Tx, managerIds: string[], now: Date, top: number): Promise<DigestAlertRow[]> {
    if (managerIds.length === 0) return [];
    // The planner's row guesses for the line walk run into the millions, enough to JIT-compile a
    // ~100 ms statement for ~45 ms each time: not worth it here (SET LOCAL ends with the transaction).
    await sql`SET LOCAL jit = off`.execute(tx);
    const { rows } = await this.topOpenAlertsQuery(managerIds, now, top).execute(tx);
    return rows;
  }

  /** The statement of topOpenAlerts (the bench explains it). */
  topOpenAlertsQuery(managerIds: string[], now: Date, top: number) {
    return sql<DigestAlertRow>`
      WITH RECURSIVE line AS (
        SELECT e.id AS reader, e.id AS member, 0 AS depth, e."managerId" IS NULL AS top
        FROM unnest(${managerIds}::uuid[]) AS m(id) JOIN "Employee" e ON e.id = m.id
        UNION ALL
        SELECT l.reader, e.id, l.depth + 1, false FROM line l JOIN "Employee" e ON e."managerId" = l.member WHERE l.depth < ${MAX_DEPTH}
      ), members AS MATERIALIZED (SELECT DISTINCT member FROM line),
      ${ANCHORED(now, sql`members`)},
      visible AS (
        SELECT DISTINCT ON (l.reader, an.id) l.reader, an.id, an.type, an.rule, an.severity, an."createdAt", an.about, an.about_customer
        FROM line l JOIN anchored an ON an.anchor = l.member
        WHERE l.depth > 0 OR coalesce(an.anchor_reads, l.top)
      ), ranked AS (
        SELECT v.*, row_number() OVER (PARTITION BY v.reader ORDER BY v.severity DESC, v."createdAt", v.id) AS rank,
               count(*) OVER (PARTITION BY v.reader)::int AS total
        FROM visible v
      )
      SELECT r.reader AS "managerId", r.total, r.id, r.type, r.rule, r.severity, r."createdAt",
             coalesce(r.about, (SELECT c.name || ' (' || c.code || ')' FROM "Customer" c WHERE c.id = r.about_customer)) AS about,
             (SELECT count(*)::int FROM "RiskTask" t WHERE t."alertId" = r.id AND t.status = 'OPEN') AS "openTasks"
      FROM ranked r WHERE r.rank <= ${top}
      ORDER BY r.reader, r.rank`;
  }

  /** Whether a digest link was used already (its grant, from the signed token). */
  async linkUsed(tx: Tx, link: RiskLinkGrant): Promise<boolean> {
    const row = await tx.selectFrom('RiskLinkUse').select('usedAt')
      .where('alertId', '=', link.alertId).where('employeeId', '=', link.employeeId).where('action', '=', link.action).where('localDate', '=', link.localDate)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records the link's use; false when it was used already. A second use at the same time waits on
   * the key until the first commits (then false) or rolls back (then it is the use).
   */
  async useLink(tx: Tx, link: RiskLinkGrant, now: Date): Promise<boolean> {
    const used = await tx.insertInto('RiskLinkUse')
      .values({ alertId: link.alertId, employeeId: link.employeeId, action: link.action, localDate: link.localDate, usedAt: now })
      .onConflict((conflict) => conflict.doNothing())
      .returning('usedAt')
      .executeTakeFirst();
    return used !== undefined;
  }
}
