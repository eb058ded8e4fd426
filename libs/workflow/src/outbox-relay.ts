import { Injectable, Logger } from '@nestjs/common';
import { Database } from '#libs/database';
import { jobIdForOutbox, QueueName } from '#libs/queue';
import { Clock } from '#libs/time';
import { QueueRegistry } from './queue-registry.js';
import { withTimeout } from './with-timeout.js';

const ADD_TIMEOUT_MS = 10_000;

const BATCH = 200;

interface OutboxRow {
  id: string;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  correlationId: string | null;
}

/**
 * Hands committed outbox rows to BullMQ. Rows are claimed with SKIP LOCKED (never an `id > last`
 * cursor, which would skip rows that commit late) and marked published in the same transaction
 * as the add, so a crash in between only re-adds a job whose id BullMQ already knows.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly database: Database,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
  ) {}

  /** Publishes until nothing is left; returns how many rows it published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < BATCH) return total;
    }
  }

  private async publishBatch(): Promise<number> {
    return this.database.transaction(async (tx) => {
      const rows = (await tx
        .selectFrom('Outbox')
        .select(['id', 'queue', 'jobName', 'payload', 'correlationId'])
        .where('publishedAt', 'is', null)
        .orderBy('createdAt')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute()) as OutboxRow[];
      if (rows.length === 0) return 0;
      await this.addJobs(rows);
      await tx
        .updateTable('Outbox')
        .set({ publishedAt: this.clock.now() })
        .where('id', 'in', rows.map((row) => row.id))
        .execute();
      return rows.length;
    });
  }

  /** Also used by the reconciler to put back jobs that Redis lost. */
  async addJobs(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const queued = byQueue.get(row.queue);
      if (queued) queued.push(row);
      else byQueue.set(row.queue, [row]);
    }
    for (const [queueName, queueRows] of byQueue) {
      const jobs = queueRows.map((row) => ({
        name: row.jobName,
        data: { ...row.payload, outboxId: row.id, correlationId: row.correlationId },
        opts: { jobId: jobIdForOutbox(row.id) },
      }));
      await withTimeout(this.queues.get(queueName as QueueName).addBulk(jobs), ADD_TIMEOUT_MS, `Adding ${jobs.length} jobs to ${queueName}`);
    }
    this.logger.debug(`Published ${rows.length} outbox rows.`);
  }
}

export type { OutboxRow };
