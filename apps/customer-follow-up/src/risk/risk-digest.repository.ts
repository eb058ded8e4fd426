import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import { RISK_TYPE_ATTRITION } from '#libs/contracts';
import type { RiskLinkAction } from './risk-digest.rules.js';

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

export interface NewRiskLink {
  id: string;
  tokenHash: string;
  alertId: string;
  employeeId: string;
  action: RiskLinkAction;
  localDate: string;
  expiresAt: Date;
}

export interface RiskLinkRow {
  id: string;
  alertId: string;
  employeeId: string;
  action: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * Open alerts and who reads them (one statement each). An alert is open while its rule holds
 * (severity > 0), it is not resolved, and it is neither acknowledged nor snoozed (a snooze that
 * ended counts as open). Its anchor is the customer's owner (demand), the person (attrition), or the
 * owner of its first task (any other type: competition). Its readers are everyone above the anchor;
 * also the anchor when the alert is not about them and they have no manager (a demand alert of a
 * top-level owner, as its email goes to them), and always for other types (the director responsible).
 */
const OPEN_ANCHORED = (now: Date) => sql`
  open_alerts AS (
    SELECT a.id, a.type, a.rule, a.severity, a."createdAt", a."subjectId", a.evidence
    FROM "RiskAlert" a
    WHERE a.severity > 0 AND a."resolvedAt" IS NULL
      AND (a.status = 'open' OR (a.status = 'snoozed' AND a."snoozedUntil" <= ${now}))
  ), anchored AS (
    SELECT o.id, c."ownerId" AS anchor, (owner."managerId" IS NULL) AS anchor_reads, c.name || ' (' || c.code || ')' AS about
    FROM open_alerts o JOIN "Customer" c ON c.id = o."subjectId" LEFT JOIN "Employee" owner ON owner.id = c."ownerId"
    WHERE o.type <> ${RISK_TYPE_ATTRITION}
    UNION ALL
    SELECT o.id, o."subjectId", false, p.name
    FROM open_alerts o JOIN "Employee" p ON p.id = o."subjectId"
    WHERE o.type = ${RISK_TYPE_ATTRITION}
    UNION ALL
    SELECT o.id, t."ownerId", true, coalesce(o.evidence->'facts'->>'segment', o.type || ' ' || o.rule)
    FROM open_alerts o
    JOIN LATERAL (SELECT "ownerId" FROM "RiskTask" WHERE "alertId" = o.id ORDER BY "createdAt", kind LIMIT 1) t ON true
    WHERE o.type <> ${RISK_TYPE_ATTRITION} AND NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c.id = o."subjectId")
  )`;

/** Deeper than any real reporting line; a cycle stops here instead of looping. */
const MAX_DEPTH = 50;

@Injectable()
export class RiskDigestRepository {
  /** The digest timers of a fired batch (those that still exist). */
  timers(tx: Tx, timerIds: string[]): Promise<{ id: string; subjectId: string; dueAt: Date }[]> {
    if (timerIds.length === 0) return Promise.resolve([]);
    return tx.selectFrom('Timer').select(['id', 'subjectId', 'dueAt']).where((eb) => eb('id', '=', eb.fn.any(eb.val(timerIds)))).execute();
  }

  /** Everyone who reads at least one open alert: the managers whose digest timers must be armed. */
  async readersOfOpenAlerts(tx: Tx, now: Date): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      WITH RECURSIVE ${OPEN_ANCHORED(now)},
      readers AS (
        SELECT DISTINCT an.anchor AS reader, 0 AS depth, an.anchor_reads AS reads FROM anchored an
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
    const { rows } = await sql<DigestAlertRow>`
      WITH RECURSIVE line AS (
        SELECT id AS reader, id AS member, 0 AS depth FROM "Employee" WHERE id = ANY(${managerIds}::uuid[])
        UNION ALL
        SELECT l.reader, e.id, l.depth + 1 FROM line l JOIN "Employee" e ON e."managerId" = l.member WHERE l.depth < ${MAX_DEPTH}
      ), ${OPEN_ANCHORED(now)},
      visible AS (
        SELECT DISTINCT ON (l.reader, o.id) l.reader, o.id, o.type, o.rule, o.severity, o."createdAt", an.about
        FROM line l JOIN anchored an ON an.anchor = l.member JOIN open_alerts o ON o.id = an.id
        WHERE l.depth > 0 OR an.anchor_reads
      ), ranked AS (
        SELECT v.*, row_number() OVER (PARTITION BY v.reader ORDER BY v.severity DESC, v."createdAt", v.id) AS rank,
               count(*) OVER (PARTITION BY v.reader)::int AS total
        FROM visible v
      )
      SELECT r.reader AS "managerId", r.total, r.id, r.type, r.rule, r.severity, r."createdAt", r.about,
             (SELECT count(*)::int FROM "RiskTask" t WHERE t."alertId" = r.id AND t.status = 'OPEN') AS "openTasks"
      FROM ranked r WHERE r.rank <= ${top}
      ORDER BY r.reader, r.rank`.execute(tx);
    return rows;
  }

  /** The links of a digest: created once per alert, reader, action and date; a re-run gets the same rows (the same links). */
  async issueLinks(tx: Tx, links: NewRiskLink[], now: Date): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let i = 0; i < links.length; i += 1000) {
      const rows = await tx.insertInto('RiskLinkToken')
        .values(links.slice(i, i + 1000).map((link) => ({ ...link, createdAt: now })))
        .onConflict((oc) => oc.columns(['alertId', 'employeeId', 'action', 'localDate']).doUpdateSet((eb) => ({ localDate: eb.ref('excluded.localDate') })))
        .returning(['id', 'alertId', 'employeeId', 'action'])
        .execute();
      for (const row of rows) ids.set(linkKey(row.alertId, row.employeeId, row.action), row.id);
    }
    return ids;
  }

  async linkByHash(tx: Tx, tokenHash: string, lock: boolean): Promise<RiskLinkRow | null> {
    let query = tx.selectFrom('RiskLinkToken').select(['id', 'alertId', 'employeeId', 'action', 'expiresAt', 'usedAt']).where('tokenHash', '=', tokenHash);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  }

  async useLink(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.updateTable('RiskLinkToken').set({ usedAt: now }).where('id', '=', id).execute();
  }
}

export function linkKey(alertId: string, employeeId: string, action: string): string {
  return `${alertId}|${employeeId}|${action}`;
}
