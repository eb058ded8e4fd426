import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { Database } from '#libs/database';
import type { Reading } from '#libs/metrics';
import { ALL_QUEUES } from '#libs/queue';
import { Clock } from '#libs/time';
import { QueueRegistry } from '../queue-registry.js';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** What the operators' gauges show, read from the engine's tables and queues (each read uses an index). */
@Injectable()
export class EngineReadings {
  constructor(
    private readonly database: Database,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
  ) {}

  async queueJobs(): Promise<Reading<'queue' | 'state'>[]> {
    const perQueue = await Promise.all(
      ALL_QUEUES.map(async (queue) => {
        const counts = await this.queues.get(queue).getJobCounts(...QUEUE_STATES);
        return QUEUE_STATES.map((state) => ({ labels: { queue, state }, value: counts[state] ?? 0 }));
      }),
    );
    return perQueue.flat();
  }

  /** Rows waiting for the relay, and rows whose job is in flight, with the age of the oldest of each. */
  async outbox(): Promise<{ stage: 'unpublished' | 'published'; rows: number; oldestAgeSeconds: number }[]> {
    const { rows } = await sql<{ stage: 'unpublished' | 'published'; rows: string; oldest: Date | null }>`
      SELECT 'unpublished' AS stage, count(*) AS rows, min("createdAt") AS oldest FROM "Outbox" WHERE "publishedAt" IS NULL
      UNION ALL
      SELECT 'published', count(*), min("createdAt") FROM "Outbox" WHERE "publishedAt" IS NOT NULL AND "doneAt" IS NULL`.execute(this.database.db);
    // Outbox rows are dated by the wall clock (libs/database's writer), so their age is too.
    const now = Date.now();
    return rows.map((row) => ({
      stage: row.stage,
      rows: Number(row.rows),
      oldestAgeSeconds: row.oldest ? Math.max(0, (now - row.oldest.getTime()) / 1000) : 0,
    }));
  }

  async timersDue(): Promise<Reading<never>[]> {
    const { count } = await this.database.db
      .selectFrom('Timer')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('firedAt', 'is', null)
      .where('cancelledAt', 'is', null)
      .where('dueAt', '<=', this.clock.now())
      .executeTakeFirstOrThrow();
    return [{ value: Number(count) }];
  }

  async emailsByStatus(): Promise<Reading<'status'>[]> {
    const rows = await this.database.db
      .selectFrom('Notification')
      .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
      .groupBy('status')
      .execute();
    return rows.map((row) => ({ labels: { status: row.status }, value: Number(row.count) }));
  }

  async deadLetters(): Promise<Reading<'queue'>[]> {
    const rows = await this.database.db
      .selectFrom('DeadLetter')
      .select(['queue', (eb) => eb.fn.countAll<string>().as('count')])
      .where('retriedAt', 'is', null)
      .groupBy('queue')
      .execute();
    return rows.map((row) => ({ labels: { queue: row.queue }, value: Number(row.count) }));
  }
}
