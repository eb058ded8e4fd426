import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database } from '#libs/database';
import { jobIdForOutbox, QueueName } from '#libs/queue';
import { Clock } from '#libs/time';
import { DeadJobHooks } from './dead-job-hooks.js';
import { JobOutcomeRecorder } from './job-outcome.recorder.js';
import { OutboxRelay, OutboxRow } from './outbox-relay.js';
import { QueueRegistry } from './queue-registry.js';
import { redisOptionsFromUrl } from './redis-options.js';
import { withTimeout } from './with-timeout.js';

const STALE_AFTER_MS = 30_000;
const BATCH = 500;
// Only one replica reconciles at a time; the others skip the pass.
const RECONCILE_LOCK_KEY = 7_340_001;

/**
 * Postgres is the system of record, Redis only transport: this puts back what Redis lost.
 * A sentinel key disappears when Redis is emptied; its absence triggers a full re-publish of
 * every unfinished outbox row at once, without a restart.
 */
@Injectable()
export class OutboxReconciler implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxReconciler.name);
  private readonly redis: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly relay: OutboxRelay,
    private readonly queues: QueueRegistry,
    private readonly outcomes: JobOutcomeRecorder,
    private readonly hooks: DeadJobHooks,
    private readonly clock: Clock,
  ) {
    this.redis = new Redis({ ...redisOptionsFromUrl(config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  private get sentinelKey(): string {
    return `${this.config.QUEUE_PREFIX}:salesflow:sentinel`;
  }

  /** Returns how many jobs were put back. */
  async reconcile(): Promise<number> {
    return this.database.transaction(async (tx) => {
      const { rows: [{ locked }] } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${RECONCILE_LOCK_KEY}) AS locked`.execute(tx);
      if (!locked) return 0;
      const redisWasEmptied = await this.checkSentinel();
      const staleBefore = new Date(this.clock.now().getTime() - (redisWasEmptied ? -1 : STALE_AFTER_MS));
      const rows = (await tx
        .selectFrom('Outbox')
        .select(['id', 'queue', 'jobName', 'payload', 'correlationId'])
        .where('publishedAt', 'is not', null)
        .where('doneAt', 'is', null)
        .where('publishedAt', '<', staleBefore)
        .orderBy('publishedAt')
        .limit(redisWasEmptied ? 100_000 : BATCH)
        .execute()) as OutboxRow[];
      const missing: OutboxRow[] = [];
      for (const row of rows) {
        const lookUp = () => withTimeout(this.queues.get(row.queue as QueueName).getJob(jobIdForOutbox(row.id)), 5000, `Looking up job ${row.id}`);
        const job = await lookUp();
        if (!job) {
          missing.push(row);
        } else if (this.hooks.canBury(row.jobName) && (await job.getState()) === 'failed') {
          // BullMQ failed it outside our runner (stalled too often): book the death as the runner would.
          // The job read before its state may predate the failure: read it again for the reason.
          const error = new Error(job.failedReason ?? (await lookUp())?.failedReason ?? 'failed in BullMQ');
          const hook = this.hooks.for(row.jobName);
          await this.outcomes.dead(
            { outboxId: row.id, queue: row.queue, jobName: row.jobName, payload: row.payload, correlationId: row.correlationId, error: error.message },
            hook ? (db) => hook(db, error, row.payload) : undefined,
          );
        }
      }
      if (missing.length > 0) {
        await this.relay.addJobs(missing);
        this.logger.warn(`Put back ${missing.length} jobs that Redis no longer had${redisWasEmptied ? ' (Redis was emptied)' : ''}.`);
      }
      return missing.length;
    });
  }

  /** True when the sentinel was missing (Redis emptied or restarted); sets it again. */
  private async checkSentinel(): Promise<boolean> {
    if (this.redis.status === 'wait') await this.redis.connect();
    const set = await withTimeout(this.redis.set(this.sentinelKey, new Date().toISOString(), 'NX'), 5000, 'Setting the Redis sentinel');
    return set === 'OK';
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
