import { Injectable } from '@nestjs/common';
import { sql, type Selectable, type Updateable } from 'kysely';
import type { RiskTask } from '#generated/kysely';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';

export type RiskTaskRow = Selectable<RiskTask>;

export interface NewRiskTask {
  id: string;
  alertId: string;
  kind: string;
  ownerId: string;
  dueAt: Date;
}

export interface RiskTaskFilter {
  /** Tasks owned by these people; null: everyone's (ADMIN). */
  ownerIds: string[] | null;
  status?: RiskTaskRow['status'];
}

/** Rows per multi-row insert: well under Postgres' 65,535 bind parameters. */
const INSERT_BATCH = 1000;

/** The countermeasures of risk alerts as tasks (one per alert and kind). */
@Injectable()
export class RiskTasksRepository {
  /** Inserts the tasks an alert does not have yet (unique per alert and kind); answers only the ones inserted now. */
  async insertNew(tx: Tx, tasks: NewRiskTask[], now: Date): Promise<RiskTaskRow[]> {
    const inserted: RiskTaskRow[] = [];
    for (let i = 0; i < tasks.length; i += INSERT_BATCH) {
      inserted.push(...(await tx
        .insertInto('RiskTask')
        .values(tasks.slice(i, i + INSERT_BATCH).map((task) => ({ ...task, status: 'OPEN' as const, createdAt: now })))
        .onConflict((oc) => oc.columns(['alertId', 'kind']).doNothing())
        .returningAll()
        .execute()));
    }
    return inserted;
  }

  /** The alerts among `alertIds` that have tasks already (a daily scan re-flags the same alerts every day). */
  async alertsWithTasks(tx: Tx, alertIds: string[]): Promise<Set<string>> {
    if (alertIds.length === 0) return new Set();
    const rows = await tx.selectFrom('RiskTask').select('alertId').distinct().where('alertId', '=', (eb) => eb.fn.any(eb.val(alertIds))).execute();
    return new Set(rows.map((r) => r.alertId));
  }

  /**
   * What the system booked for each task, written into its note; a task the booking finished (its
   * survey went out) is DONE at `at`. One statement; answers the tasks as they are now.
   */
  async recordBookings(tx: Tx, bookings: { id: string; note: string; done: boolean }[], at: Date): Promise<RiskTaskRow[]> {
    if (bookings.length === 0) return [];
    const { rows } = await sql<RiskTaskRow>`
      UPDATE "RiskTask" t
      SET note = b.note,
          status = CASE WHEN b.done THEN 'DONE'::"RiskTaskStatus" ELSE t.status END,
          "doneAt" = CASE WHEN b.done THEN ${at}::timestamp ELSE t."doneAt" END
      FROM jsonb_to_recordset(${JSON.stringify(bookings)}::jsonb) AS b(id uuid, note text, done boolean)
      WHERE t.id = b.id
      RETURNING t.*`.execute(tx);
    return rows;
  }

  /** Oldest first within each alert (the order the countermeasures were created in). */
  ofAlerts(tx: Tx, alertIds: string[]): Promise<RiskTaskRow[]> {
    if (alertIds.length === 0) return Promise.resolve([]);
    return tx.selectFrom('RiskTask').selectAll().where('alertId', 'in', alertIds).orderBy('alertId').orderBy('dueAt').orderBy('kind').execute();
  }

  /** What a task's view names of its alert. */
  alertRefs(tx: Tx, alertIds: string[]): Promise<{ id: string; type: string; rule: string }[]> {
    if (alertIds.length === 0) return Promise.resolve([]);
    return tx.selectFrom('RiskAlert').select(['id', 'type', 'rule']).where('id', 'in', alertIds).execute();
  }

  async lock(tx: Tx, id: string): Promise<RiskTaskRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('RiskTask').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  update(tx: Tx, id: string, data: Updateable<RiskTask>): Promise<RiskTaskRow> {
    return tx.updateTable('RiskTask').set(data).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Soonest due first; take = limit + 1 (see toPage). */
  async list(tx: Tx, filter: RiskTaskFilter, page: { cursor?: string; limit: number }): Promise<RiskTaskRow[]> {
    const after = page.cursor && isUuid(page.cursor) ? await tx.selectFrom('RiskTask').selectAll().where('id', '=', page.cursor).executeTakeFirst() : undefined;
    let query = tx.selectFrom('RiskTask').selectAll();
    if (filter.ownerIds) {
      const ownerIds = filter.ownerIds;
      query = query.where('ownerId', '=', (eb) => eb.fn.any(eb.val(ownerIds)));
    }
    if (filter.status) query = query.where('status', '=', filter.status);
    if (after) query = query.where((eb) => eb(eb.refTuple('dueAt', 'id'), '>', eb.tuple(after.dueAt, after.id)));
    return query.orderBy('dueAt').orderBy('id').limit(page.limit + 1).execute();
  }
}
