import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { Tx } from '#libs/database';
import { Clock } from '#libs/time';
import { PermanentJobError, RecordedOutcome, RetryLaterError } from '#libs/workflow';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import { MailTransport } from './mail-transport.js';
import { NotifierMetrics } from './notifier.metrics.js';
import { SendingMailer } from './sending.mailer.js';
import { SendingRepository, type Claim, type Notification } from './sending.repository.js';
import { afterSmtpFailure, classifySmtpFailure, type SmtpRetryPolicy } from './sending.rules.js';

/** The first retry of a failed send waits this long; each one after waits twice as long, up to SMTP_RETRY_MAX_DELAY. */
const FIRST_RETRY_DELAY_MS = 1000;

export function smtpRetryPolicy(config: AppConfig): SmtpRetryPolicy {
  return { budgetMs: config.SMTP_RETRY_BUDGET, firstDelayMs: FIRST_RETRY_DELAY_MS, maxDelayMs: config.SMTP_RETRY_MAX_DELAY, unknownResendDelayMs: config.SMTP_UNKNOWN_RESEND_DELAY };
}

/** Another worker holds a live lease on this email: try again later, never send in parallel. */
export class SendLeaseHeldError extends Error {}

/**
 * Sends one ledger row: claim it under a lease, render, send, mark sent with a guarded update.
 * One email per idempotency key; the only double is a send interrupted after the SMTP server
 * accepted it (a crash, or a relay silent after the message: status `unknown`), resent once with
 * the same Message-ID and flagged. Failures worth retrying are retried on a time budget
 * (sending.rules.ts, afterSmtpFailure); the job is put back for each (RetryLaterError).
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly ledger: SendingRepository,
    private readonly transport: MailTransport,
    private readonly metrics: NotifierMetrics,
    private readonly mailer: SendingMailer,
    private readonly clock: Clock,
    private readonly heartbeat: LeaseHeartbeat,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = smtpRetryPolicy(config);
  }

  private readonly policy: SmtpRetryPolicy;

  /**
   * Given the outbox job it runs for, records the job done with the ledger's `sent` (one statement).
   * `onPermanent` runs in the transaction that marks the row dead when SMTP refuses for good.
   */
  async send(notificationId: string, job?: { outboxId: string }, onPermanent?: (tx: Tx, error: string) => Promise<void>): Promise<'done' | 'skipped' | RecordedOutcome> {
    const row = await this.ledger.claim(notificationId);
    if (!row) {
      const current = await this.ledger.find(notificationId);
      if (!current) throw new PermanentJobError(`Notification ${notificationId} does not exist.`);
      if (current.status === 'sending') throw new SendLeaseHeldError(`Notification ${notificationId} is being sent by another worker.`);
      if (current.status === 'unknown') {
        throw new RetryLaterError(`Notification ${notificationId} waits for its resend after an unknown outcome.`, current.leaseUntil!.getTime() - this.clock.now().getTime() + 1000);
      }
      return 'skipped';
    }
    const claim = { id: row.id, attempt: row.attempts };
    this.heartbeat.hold(claim);
    try {
      const email = this.mailer.compose(row);
      await this.transport.send(email).catch((error: unknown) => this.failed(row, claim, error, job, onPermanent));
      const recorded = await this.ledger.markSent({ ...claim, ...(job ? { outboxId: job.outboxId } : {}) });
      if (!recorded) this.logger.warn({ correlationId: row.correlationId, msg: `Email ${row.id} was sent after another worker claimed it (its lease ran out); that worker may resend it.` });
      this.metrics.sent.inc({ kind: row.kind });
      this.logger.log({
        correlationId: row.correlationId,
        notificationId: row.id,
        // The ledger id names the recipient; an address (a customer's contact, say) has no place in a log.
        msg: `Sent ${row.kind} email ${row.id} (Message-ID ${row.messageId}).`,
      });
    } finally {
      this.heartbeat.release(claim);
    }
    return job ? new RecordedOutcome('done') : 'done';
  }

  /** Books a failed send as the retry rules say (dead, unknown, or retrying) and throws what the job runner needs. */
  private async failed(row: Notification, claim: Claim, error: unknown, job?: { outboxId: string }, onPermanent?: (tx: Tx, error: string) => Promise<void>): Promise<never> {
    const message = (error as Error).message;
    this.metrics.failed.inc({ kind: row.kind });
    const now = this.clock.now();
    const decision = afterSmtpFailure(this.policy, classifySmtpFailure(error), row, now);
    if (decision.action === 'dead') {
      const reason = `${message} (${decision.reason})`;
      // The row is dead in the same transaction as its dead letter: the batch's own, or, for a job
      // of its own, the runner's (with the job's death hook), so a crash between the two never
      // leaves a dead email without a dead letter.
      if (onPermanent) await this.ledger.markDeadWith(row.id, reason, (tx) => onPermanent(tx, reason));
      else if (!job) await this.ledger.markDead(row.id, reason);
      throw new PermanentJobError(`SMTP failed ${row.kind} email ${row.id} for good: ${reason}`);
    }
    if (decision.action === 'resend-once') {
      await this.ledger.markUnknown(claim, message, new Date(now.getTime() + decision.delayMs));
      this.logger.warn({ correlationId: row.correlationId, msg: `Outcome of ${row.kind} email ${row.id} unknown (${message}); resent once with the same Message-ID in ${decision.delayMs / 1000} s.` });
    } else {
      await this.ledger.markRetrying(claim, message);
    }
    throw new RetryLaterError(message, decision.delayMs);
  }
}
