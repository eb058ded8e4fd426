import { Inject, Injectable, Logger } from '@nestjs/common';
import pLimit, { type LimitFunction } from 'p-limit';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { JOBS } from '#libs/queue';
import { JobOutcomeRecorder, PermanentJobError, RetryLaterError, ShutdownState } from '#libs/workflow';
import { NotificationSender } from './notification-sender.service.js';
import { batchVerdict } from './sending.rules.js';

/** A send of a batch not started because the process is shutting down: the batch's retry sends it. */
export class ReleasedOnShutdownError extends Error {}

export interface BatchJob {
  outboxId: string;
  queue: string;
  correlationId: string | null;
}

/**
 * Sends the emails of one `notification.send-batch` job, each through the one-email path (claim
 * under a lease, send, guarded sent-mark), so a batch keeps every guarantee of a single send:
 * - SMTP 5xx: that email is dead with a dead letter of its own (retrying it sends it alone);
 * - a transient failure: the batch job fails after the others are done and is retried; when every
 *   failure was an SMTP one scheduled by the retry budget, at the earliest of their delays without
 *   using an attempt, otherwise with BullMQ's backoff; the retry skips what was sent or is dead;
 * - retries exhausted: the runner's dead letter names the batch, and its unsent emails are dead.
 * Sends of all batch jobs in this process share NOTIFIER_CONCURRENCY slots, taken before the claim,
 * so a waiting email never holds a lease. Once the process is shutting down, sends not started are
 * released (the batch fails transiently and is retried by another worker), so shutdown waits only
 * for the sends in flight.
 */
@Injectable()
export class NotificationBatchSender {
  private readonly logger = new Logger(NotificationBatchSender.name);
  private readonly slots: LimitFunction;

  constructor(
    private readonly sender: NotificationSender,
    private readonly outcomes: JobOutcomeRecorder,
    private readonly shutdown: ShutdownState,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.slots = pLimit(config.NOTIFIER_CONCURRENCY);
  }

  async sendAll(job: BatchJob, notificationIds: string[]): Promise<'done' | 'skipped'> {
    const results = await Promise.allSettled(
      notificationIds.map((notificationId) =>
        this.slots(async () => {
          if (this.shutdown.isStopping) throw new ReleasedOnShutdownError(`Email ${notificationId} released: the notifier is shutting down.`);
          return this.sender.send(notificationId, undefined, (tx, error) =>
            this.outcomes.letter(tx, { outboxId: job.outboxId, queue: job.queue, jobName: JOBS.sendEmail, payload: { notificationId }, correlationId: job.correlationId, error }),
          );
        }),
      ),
    );
    const { transient, dead, outcome } = batchVerdict(results, (reason) => reason instanceof PermanentJobError);
    if (dead > 0) this.logger.warn({ correlationId: job.correlationId, msg: `${dead} of ${notificationIds.length} emails of batch ${job.outboxId} were refused for good (dead letters written).` });
    if (transient.length > 0) {
      const message = `${transient.length} of ${notificationIds.length} emails of batch ${job.outboxId} failed and will be retried with it: ${transient[0].message}`;
      const scheduled = transient.filter((reason): reason is RetryLaterError => reason instanceof RetryLaterError);
      if (scheduled.length === transient.length) throw new RetryLaterError(message, Math.min(...scheduled.map((reason) => reason.delayMs)));
      throw new Error(message);
    }
    return outcome;
  }
}
