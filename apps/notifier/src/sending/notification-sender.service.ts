import { Injectable, Logger } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { PermanentJobError, RecordedOutcome } from '#libs/workflow';
import { MailTransport } from './mail-transport.js';
import { NotifierMetrics } from './notifier.metrics.js';
import { SendingMailer } from './sending.mailer.js';
import { SendingRepository } from './sending.repository.js';
import { isPermanentSmtpFailure } from './sending.rules.js';

/** Another worker holds a live lease on this email: try again later, never send in parallel. */
export class SendLeaseHeldError extends Error {}

/**
 * Sends one ledger row: claim it under a lease, render, send, mark sent with a guarded update.
 * One email per idempotency key; the only double is a send interrupted after the SMTP server
 * accepted it, resent with the same Message-ID and flagged.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly ledger: SendingRepository,
    private readonly transport: MailTransport,
    private readonly metrics: NotifierMetrics,
    private readonly mailer: SendingMailer,
  ) {}

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
      return 'skipped';
    }
    const lease = row.leaseUntil!;
    const email = this.mailer.compose(row);
    try {
      await this.transport.send(email);
    } catch (error) {
      const message = (error as Error).message;
      this.metrics.failed.inc({ kind: row.kind });
      if (isPermanentSmtpFailure(error)) {
        if (onPermanent) await this.ledger.markDeadWith(row.id, message, (tx) => onPermanent(tx, message));
        else await this.ledger.markDead(row.id, message);
        throw new PermanentJobError(`SMTP refused ${row.kind} email ${row.id}: ${message}`);
      }
      await this.ledger.markRetrying(row.id, lease, message);
      throw error;
    }
    const recorded = await this.ledger.markSent({ id: row.id, lease, ...(job ? { outboxId: job.outboxId } : {}) });
    if (!recorded) this.logger.warn({ correlationId: row.correlationId, msg: `Email ${row.id} was sent after its lease ran out; another worker may resend it.` });
    this.metrics.sent.inc({ kind: row.kind });
    this.logger.log({
      correlationId: row.correlationId,
      notificationId: row.id,
      // The ledger id names the recipient; an address (a customer's contact, say) has no place in a log.
      msg: `Sent ${row.kind} email ${row.id} (Message-ID ${row.messageId}).`,
    });
    return job ? new RecordedOutcome('done') : 'done';
  }
}
