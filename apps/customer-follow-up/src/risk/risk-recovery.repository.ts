import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';

/** The instant the alert's rule stopped holding (kept in the evidence's delivery record, see risk-alert-record.ts), as a UTC timestamp. */
const CLEARED_AT = sql`(a.evidence->'delivery'->>'clearedAt')::timestamptz AT TIME ZONE 'UTC'`;

export interface ResolvedRow {
  id: string;
  tasksDone: boolean;
}

/** One row of the effectiveness aggregate: a risk type, a countermeasure, done or not. */
export interface EffectivenessRow {
  type: string;
  kind: string;
  done: boolean;
  tasks: number;
  /** Per window (days): tasks whose alert recovered within it after the task's reference moment, and tasks that can be judged yet. */
  windows: Record<number, { recovered: number; observed: number }>;
}

/** Set-based statements of alert recovery and the effectiveness report. */
@Injectable()
export class RiskRecoveryRepository {
  /**
   * Alerts of `type` and these subjects whose rule no longer holds: severity 0 and clearedAt (kept
   * when cleared already). `rule` null: every rule of the subject.
   */
  async clear(tx: Tx, type: string, keys: { subjectId: string; rule: string | null }[], now: Date): Promise<{ id: string; severity: number }[]> {
    if (keys.length === 0) return [];
    const { rows } = await sql<{ id: string; severity: number }>`
      WITH keys AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k("subjectId" uuid, rule text)),
      cleared AS (
        SELECT a.id, a.severity FROM "RiskAlert" a JOIN keys k ON a."subjectId" = k."subjectId" AND (k.rule IS NULL OR a.rule = k.rule)
        WHERE a.type = ${type} AND a.severity > 0
        FOR UPDATE OF a
      )
      UPDATE "RiskAlert" a SET severity = 0, "updatedAt" = ${now},
        evidence = jsonb_set(coalesce(a.evidence, '{}'::jsonb), '{delivery}', coalesce(a.evidence->'delivery', '{}'::jsonb) || jsonb_build_object('clearedAt', ${now.toISOString()}::text))
      FROM cleared WHERE a.id = cleared.id
      RETURNING a.id, cleared.severity`.execute(tx);
    return rows;
  }

  /**
   * Alerts of `type` whose rule has not held since `clearedBefore` (and not held again) are resolved
   * now, recording whether every task of theirs was done. One statement.
   */
  async resolve(tx: Tx, type: string, clearedBefore: Date, now: Date): Promise<ResolvedRow[]> {
    const { rows } = await sql<ResolvedRow>`
      WITH due AS (
        SELECT a.id FROM "RiskAlert" a
        WHERE a.type = ${type} AND a.severity <= 0 AND a."resolvedAt" IS NULL
          AND ${CLEARED_AT} <= ${clearedBefore}
        FOR UPDATE OF a SKIP LOCKED
      ), outcome AS (
        SELECT due.id, coalesce(bool_and(t.status = 'DONE'), true) AS done
        FROM due LEFT JOIN "RiskTask" t ON t."alertId" = due.id GROUP BY due.id
      )
      UPDATE "RiskAlert" a SET "resolvedAt" = ${now}, "tasksDone" = outcome.done, "updatedAt" = ${now}
      FROM outcome WHERE a.id = outcome.id
      RETURNING a.id, a."tasksDone"`.execute(tx);
    return rows;
  }

  /** The open tasks of these alerts (their reminders and escalations are moot once the alert resolved). */
  async openTaskIds(tx: Tx, alertIds: string[]): Promise<string[]> {
    if (alertIds.length === 0) return [];
    const rows = await tx.selectFrom('RiskTask').select('id').where('alertId', '=', (eb) => eb.fn.any(eb.val(alertIds))).where('status', '=', 'OPEN').execute();
    return rows.map((r) => r.id);
  }

  /**
   * Per risk type, countermeasure and done/not done: how many tasks' alerts recovered (the rule stopped
   * holding, and the alert resolved) within each window after the task's reference moment (done:
   * when it was done; not done: its due date), and how many can be judged (recovered within, or the
   * window has passed). Tasks owned by `ownerIds` (null: all).
   */
  async effectiveness(tx: Tx, windows: readonly number[], now: Date, ownerIds: string[] | null): Promise<EffectivenessRow[]> {
    const columns = windows.map((days) => sql`
      count(*) FILTER (WHERE x.rec IS NOT NULL AND x.rec <= x.ref + make_interval(days => ${days}))::int AS ${sql.ref(`recovered_${days}`)},
      count(*) FILTER (WHERE (x.rec IS NOT NULL AND x.rec <= x.ref + make_interval(days => ${days})) OR x.ref + make_interval(days => ${days}) <= ${now})::int AS ${sql.ref(`observed_${days}`)}`);
    const owners = ownerIds ? sql`AND t."ownerId" = ANY(${ownerIds}::uuid[])` : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT a.type, t.kind, (t.status = 'DONE') AS done, count(*)::int AS tasks, ${sql.join(columns)}
      FROM "RiskTask" t JOIN "RiskAlert" a ON a.id = t."alertId"
      CROSS JOIN LATERAL (SELECT
        CASE WHEN t.status = 'DONE' THEN t."doneAt" ELSE t."dueAt" END AS ref,
        CASE WHEN a."resolvedAt" IS NOT NULL THEN ${CLEARED_AT} END AS rec) x
      WHERE true ${owners}
      GROUP BY a.type, t.kind, (t.status = 'DONE')
      ORDER BY a.type, t.kind, done DESC`.execute(tx);
    return rows.map((r) => ({
      type: r.type as string,
      kind: r.kind as string,
      done: r.done as boolean,
      tasks: r.tasks as number,
      windows: Object.fromEntries(windows.map((days) => [days, { recovered: r[`recovered_${days}`] as number, observed: r[`observed_${days}`] as number }])),
    }));
  }
}
