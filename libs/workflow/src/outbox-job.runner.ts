import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { jobDuration } from '#libs/metrics';
import type { JobEnvelope } from '#libs/queue';
import { DeadJobHooks } from './dead-job-hooks.js';
import { JobOutcomeRecorder } from './job-outcome.recorder.js';
import { RecordedOutcome, type FinishedOutcome } from './outbox-outcome.js';

/** A failure that retrying cannot fix (SMTP 5xx, a subject that can never be served). */
export class PermanentJobError extends Error {}

/**
 * A failure whose handler decides when to try again and when to give up (the notifier's retry
 * budget): the job is put back `delayMs` later without using one of its attempts, so the count in
 * DEFAULT_JOB_OPTIONS does not cut the handler's own schedule short.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/**
 * Wraps every outbox job: records the final outcome, turns permanent failures and exhausted
 * retries into dead letters, and rethrows transient ones so BullMQ retries with backoff.
 */
@Injectable()
export class OutboxJobRunner {
  private readonly logger = new Logger(OutboxJobRunner.name);

  constructor(
    private readonly outcomes: JobOutcomeRecorder,
    private readonly hooks: DeadJobHooks,
  ) {}

  async run(
    job: Job<JobEnvelope>,
    handler: () => Promise<FinishedOutcome | RecordedOutcome>,
    token?: string,
  ): Promise<FinishedOutcome> {
    const { outboxId, correlationId } = job.data;
    const timed = jobDuration.startTimer({ queue: job.queueName, job: job.name });
    try {
      const result = await handler();
      const recorded = result instanceof RecordedOutcome;
      const outcome = recorded ? result.outcome : result;
      if (!recorded) await this.outcomes.finish(outboxId, outcome);
      this.logger.log({ correlationId, jobId: job.id, outcome, msg: `Job ${job.name} ${job.id} finished: ${outcome}.` });
      timed({ outcome });
      return outcome;
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (error instanceof RetryLaterError && token) {
        // BullMQ's documented manual delay: move the active job, then tell the worker it was moved.
        await job.moveToDelayed(Date.now() + Math.max(error.delayMs, 0), token);
        timed({ outcome: 'retry' });
        this.logger.warn({ correlationId, jobId: job.id, msg: `Job ${job.name} ${job.id} failed, will retry in ${Math.round(error.delayMs / 1000)} s: ${error.message}` });
        throw new DelayedError(error.message);
      }
      const attempts = job.opts.attempts ?? 1;
      const final = error instanceof PermanentJobError || job.attemptsMade + 1 >= attempts;
      if (!final) {
        timed({ outcome: 'retry' });
        this.logger.warn({ correlationId, jobId: job.id, msg: `Job ${job.name} ${job.id} failed, will retry: ${error.message}` });
        throw error;
      }
      const { outboxId: _outboxId, correlationId: _correlationId, ...payload } = job.data as JobEnvelope & Record<string, unknown>;
      // The domain books its own rows (DeadJobHooks) in the dead letter's transaction.
      const hook = this.hooks.for(job.name);
      await this.outcomes.dead(
        { outboxId, queue: job.queueName, jobName: job.name, payload, correlationId, error: error.message },
        hook ? (tx) => hook(tx, error, payload) : undefined,
      );
      timed({ outcome: 'dead' });
      this.logger.error({ correlationId, jobId: job.id, msg: `Job ${job.name} ${job.id} is dead: ${error.message}` });
      throw new UnrecoverableError(error.message);
    }
  }
}
