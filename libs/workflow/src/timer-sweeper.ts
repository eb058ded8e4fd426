import { Injectable, Logger } from '@nestjs/common';
import { sql } from 'kysely';
import { Clock } from '#libs/time';
import { Database, OutboxSignal } from '#libs/database';
import { timerLateness } from '#libs/metrics';
import { TIMER_BATCH_SIZES } from '#libs/queue';

const BATCH = 500;

const BATCHED_KINDS = Object.keys(TIMER_BATCH_SIZES);
const BATCHED_SIZES = Object.values(TIMER_BATCH_SIZES);

/**
 * Claims due timers and turns them into outbox rows in ONE statement, so the lock and the claim
 * cannot come apart: replicas share the work (SKIP LOCKED) and each timer fires once. Timers of
 * a batched kind (TIMER_BATCH_SIZES) become one outbox row per batch, `{timerIds}`.
 */
@Injectable()
export class TimerSweeper {
  private readonly logger = new Logger(TimerSweeper.name);

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly signal: OutboxSignal,
  ) {}

  /** Returns how many timers fired. Loops while batches come back full. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const {
        rows: [{ fired, kinds, lateness }],
      } = await sql<{ fired: number; kinds: string[]; lateness: number[] }>`
        WITH due AS (
          SELECT id FROM "Timer"
          WHERE "firedAt" IS NULL AND "cancelledAt" IS NULL AND "dueAt" <= ${now}
          ORDER BY "dueAt" LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        ), fired AS (
          UPDATE "Timer" t SET "firedAt" = ${now} FROM due WHERE t.id = due.id
          RETURNING t.id, t.kind, t.queue, t."subjectId", t."correlationId", t."dueAt"
        ), batching (kind, size) AS (
          SELECT * FROM unnest(${BATCHED_KINDS}::text[], ${BATCHED_SIZES}::int[])
        ), chunked AS (
          SELECT f.*, (row_number() OVER (PARTITION BY f.queue, f.kind ORDER BY f.id) - 1) / b.size AS chunk
          FROM fired f JOIN batching b USING (kind)
        ), outbox AS (
          INSERT INTO "Outbox" (id, queue, "jobName", payload, "correlationId", "createdAt")
          SELECT gen_random_uuid(), queue, kind, jsonb_build_object('timerId', id, 'subjectId', "subjectId"), "correlationId", ${now}::timestamp
          FROM fired WHERE kind NOT IN (SELECT kind FROM batching)
          UNION ALL
          SELECT gen_random_uuid(), queue, kind, jsonb_build_object('timerIds', jsonb_agg(id ORDER BY id)), min("correlationId"), ${now}::timestamp
          FROM chunked GROUP BY queue, kind, chunk
        )
        SELECT count(*)::int AS fired,
          coalesce(array_agg(kind), '{}') AS kinds,
          coalesce(array_agg(extract(epoch FROM ${now}::timestamp - "dueAt")::float8), '{}') AS lateness
        FROM fired`.execute(this.database.db);
      kinds.forEach((kind, at) => timerLateness.observe({ kind }, lateness[at]));
      total += fired;
      if (fired > 0) this.signal.notify();
      if (fired < BATCH) break;
    }
    if (total > 0) this.logger.debug(`Fired ${total} due timers.`);
    return total;
  }

  /** Fired and cancelled timers are history once their retention has passed. */
  async purge(olderThan: Date): Promise<number> {
    const result = await this.database.db
      .deleteFrom('Timer')
      .where((timer) => timer.or([timer('firedAt', '<', olderThan), timer('cancelledAt', '<', olderThan)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
