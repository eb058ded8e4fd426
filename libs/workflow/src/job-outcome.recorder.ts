import { Injectable } from '@nestjs/common';
import { PrismaService, sqlOf, type Tx } from '#libs/database';
import { Clock } from '#libs/time';
import { recordOutboxOutcomeSql } from './outbox-outcome.sql.js';

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
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async finish(outboxId: string, outcome: Exclude<JobOutcome, 'dead'>): Promise<void> {
    await sqlOf(this.prisma).execute(recordOutboxOutcomeSql(outboxId, outcome, this.clock.now()));
  }

  /** Writes the dead letter once per outbox row, with the domain's own bookkeeping in the same transaction. */
  async dead(job: DeadJob, alsoInTransaction?: (tx: Tx) => Promise<void>): Promise<void> {
    await this.prisma.transaction(async (db) => {
      const claimed = await db.outbox.updateMany({
        where: { id: job.outboxId, doneAt: null },
        data: { doneAt: this.clock.now(), outcome: 'dead' },
      });
      if (claimed.count === 0) return;
      await this.letter(db, job);
      if (alsoInTransaction) await alsoInTransaction(db);
    });
  }

  /** A dead letter alone, in the caller's transaction: one email of a batch job that goes on. */
  async letter(tx: Tx, job: DeadJob): Promise<void> {
    await tx.deadLetter.create({
      data: {
        outboxId: job.outboxId,
        queue: job.queue,
        jobName: job.jobName,
        payload: job.payload,
        error: job.error.slice(0, 4000),
        correlationId: job.correlationId,
      },
    });
  }
}
