import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import { Clock } from '#libs/time';
import { recordOutboxOutcome } from './outbox-outcome.js';

export type JobOutcome = 'done' | 'skipped' | 'dead';

export interface DeadJob {
  outboxId: string;
  queue: string;
  jobName: string;
  payload: object;
  correlationId: string | null;
  error: string;
}

/** Every final outcome of an outbox job is written down: done, skipped, or dead (with a dead letter). */
@Injectable()
export class JobOutcomeRecorder {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async finish(outboxId: string, outcome: Exclude<JobOutcome, 'dead'>): Promise<void> {
    await recordOutboxOutcome(this.database.db, outboxId, outcome, this.clock.now());
  }

  /** Writes the dead letter once per outbox row, with the domain's own bookkeeping in the same transaction. */
  async dead(job: DeadJob, alsoInTransaction?: (tx: Tx) => Promise<void>): Promise<void> {
    await this.database.transaction(async (tx) => {
      if (!(await recordOutboxOutcome(tx, job.outboxId, 'dead', this.clock.now()))) return;
      await this.letter(tx, job);
      if (alsoInTransaction) await alsoInTransaction(tx);
    });
  }

  /** A dead letter alone, in the caller's transaction: one email of a batch job that goes on. */
  async letter(tx: Tx, job: DeadJob): Promise<void> {
    await tx
      .insertInto('DeadLetter')
      .values({
        id: randomUUID(),
        outboxId: job.outboxId,
        queue: job.queue,
        jobName: job.jobName,
        payload: JSON.stringify(job.payload),
        error: job.error.slice(0, 4000),
        correlationId: job.correlationId,
        createdAt: new Date(),
      })
      .execute();
  }
}
