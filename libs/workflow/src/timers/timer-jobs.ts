import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { DB } from '#generated/kysely';
import { Database, OutboxSignal } from '#libs/database';
import type { TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import type { JobContext } from '../jobs/job-context.js';
import { recordOutboxOutcome, RecordedOutcome, type FinishedOutcome } from '../outbox-outcome.js';
import { NotDueYetError } from './not-due-yet.error.js';

export interface FiredTimer {
  id: string;
  kind: string;
  subjectId: string;
  dueAt: Date;
  uniqueKey: string;
}

/** What a timer handler says; everything else (loading, early refusal, outcome) is TimerJobs'. */
export interface TimerWork<S> {
  /** Re-reads and locks the timer's subject (SELECT ... FOR UPDATE); null when it is gone. */
  lock(tx: Transaction<DB>, timer: FiredTimer): Promise<S | null | undefined>;
  /** False when the work is no longer relevant (the step was decided, the visit done). */
  stillDue?(subject: S, timer: FiredTimer): boolean;
  /** Acts, once, in the transaction; 'skipped' when it found nothing to do after all. */
  act(tx: Transaction<DB>, subject: S, timer: FiredTimer, now: Date): Promise<FinishedOutcome | void>;
}

/**
 * What every timer handler would otherwise repeat: in one transaction, load the fired timer, lock
 * its subject, skip what is no longer relevant, refuse to act before the due time (NotDueYetError:
 * BullMQ retries later, so a clock jump never brings a reminder early), act, and record the job's
 * outcome with the work it did, so a retry after a crash finds it finished. The relay is woken
 * after a commit that did something.
 */
@Injectable()
export class TimerJobs {
  constructor(
    private readonly database: Database,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async run<S>(payload: TimerFiredPayload, context: JobContext, work: TimerWork<S>): Promise<RecordedOutcome> {
    const outcome = await this.database.transaction(async (tx) => {
      const result = await this.decide(tx, payload, work);
      await recordOutboxOutcome(tx, context.outboxId, result, this.clock.now());
      return result;
    });
    if (outcome === 'done') this.signal.notify();
    return new RecordedOutcome(outcome);
  }

  private async decide<S>(tx: Transaction<DB>, payload: TimerFiredPayload, work: TimerWork<S>): Promise<FinishedOutcome> {
    const timer = await tx
      .selectFrom('Timer')
      .select(['id', 'kind', 'subjectId', 'dueAt', 'uniqueKey'])
      .where('id', '=', payload.timerId)
      .executeTakeFirst();
    if (!timer) return 'skipped';
    const subject = await work.lock(tx, timer);
    if (subject === null || subject === undefined) return 'skipped';
    if (work.stillDue && !work.stillDue(subject, timer)) return 'skipped';
    const now = this.clock.now();
    if (timer.dueAt.getTime() > now.getTime()) throw new NotDueYetError(timer.id, timer.dueAt);
    return (await work.act(tx, subject, timer, now)) ?? 'done';
  }
}
