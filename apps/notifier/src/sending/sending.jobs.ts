import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { OnJob, OnJobDeath, type JobContext } from '#libs/workflow';
import { NotificationBatchSender } from './notification-batch-sender.service.js';
import { NotificationSender } from './notification-sender.service.js';
import { SendingRepository } from './sending.repository.js';

/** The notifier's jobs, urgent or bulk: one email, or a batch asked for together. */
@Injectable()
export class SendingJobs {
  constructor(
    private readonly sender: NotificationSender,
    private readonly batches: NotificationBatchSender,
    private readonly ledger: SendingRepository,
  ) {}

  @OnJob('notification.send')
  send({ notificationId }: JobPayload<'notification.send'>, { outboxId }: JobContext) {
    return this.sender.send(notificationId, { outboxId });
  }

  @OnJob('notification.send-batch')
  sendBatch({ notificationIds }: JobPayload<'notification.send-batch'>, { outboxId, queue, correlationId }: JobContext) {
    return this.batches.sendAll({ outboxId, queue, correlationId }, notificationIds);
  }

  /** An email whose job died for good (in its run or found failed by the reconciler) is dead in the ledger. */
  @OnJobDeath('notification.send')
  async sendDied(tx: Tx, error: Error, { notificationId }: JobPayload<'notification.send'>): Promise<void> {
    await this.ledger.markDead(notificationId, error.message, tx);
  }

  /** A batch that ran out of retries: its emails not sent yet are dead. */
  @OnJobDeath('notification.send-batch')
  async sendBatchDied(tx: Tx, error: Error, { notificationIds }: JobPayload<'notification.send-batch'>): Promise<void> {
    await this.ledger.markUnsentDead(notificationIds, error.message, tx);
  }
}
