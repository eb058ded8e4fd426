import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import type { Job } from 'bullmq';
import { JOBS, QUEUES, type JobData } from '../../../../libs/queue/src/index.js';
import { OutboxJobRunner } from '../../../../libs/workflow/src/index.js';
import { NotificationSender } from './notification-sender.service.js';

type SendJob = Job<JobData<'notification.send'>>;

/** Unpacks a send job and hands it to the sender; the dead path marks the ledger row dead too. */
// @Injectable makes TypeScript emit the constructor metadata the decorated subclasses inherit.
@Injectable()
abstract class EmailSendingWorker extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly runner: OutboxJobRunner,
    private readonly sender: NotificationSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The decorator's options are fixed at import time; the configured concurrency applies once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.NOTIFIER_CONCURRENCY;
  }

  process(job: SendJob) {
    if (job.name !== JOBS.sendEmail) throw new Error(`Unknown notifier job ${job.name}`);
    return this.runner.run(job, () => this.sender.send(job.data.notificationId, { outboxId: job.data.outboxId }), {
      onDead: (tx, error) => this.sender.markDead(job.data.notificationId, error.message, tx),
    });
  }
}

@Processor(QUEUES.notifierUrgent)
export class NotifierUrgentProcessor extends EmailSendingWorker {}

/** Digests and other bulk email, so they never delay an approval request. */
@Processor(QUEUES.notifierBulk)
export class NotifierBulkProcessor extends EmailSendingWorker {}
