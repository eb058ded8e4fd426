import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { Job } from 'bullmq';
import { JOBS, QUEUES, type JobData } from '#libs/queue';
import { OutboxJobRunner } from '#libs/workflow';
import { NotificationBatchSender } from './notification-batch-sender.service.js';
import { NotificationSender } from './notification-sender.service.js';

type SendJob = Job<JobData<'notification.send'>> | Job<JobData<'notification.send-batch'>>;

/** Unpacks a send job and hands it to the sender; a dead job marks its ledger rows dead (NotifierDeadJobs). */
// @Injectable makes TypeScript emit the constructor metadata the decorated subclasses inherit.
@Injectable()
abstract class EmailSendingWorker extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly runner: OutboxJobRunner,
    private readonly sender: NotificationSender,
    private readonly batches: NotificationBatchSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The decorator's options are fixed at import time; the configured concurrency applies once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.NOTIFIER_CONCURRENCY;
  }

  process(job: SendJob) {
    if (job.name === JOBS.sendEmail) {
      const { notificationId, outboxId } = job.data as JobData<'notification.send'>;
      return this.runner.run(job, () => this.sender.send(notificationId, { outboxId }));
    }
    if (job.name === JOBS.sendEmailBatch) {
      const { notificationIds, outboxId, correlationId } = job.data as JobData<'notification.send-batch'>;
      return this.runner.run(job, () => this.batches.sendAll({ outboxId, queue: job.queueName, correlationId }, notificationIds));
    }
    throw new Error(`Unknown notifier job ${job.name}`);
  }
}

@Processor(QUEUES.notifierUrgent)
export class NotifierUrgentProcessor extends EmailSendingWorker {}

/** Digests and other bulk email, so they never delay an approval request. */
@Processor(QUEUES.notifierBulk)
export class NotifierBulkProcessor extends EmailSendingWorker {}
