import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JOBS, QUEUES, type JobData } from '../../../../libs/queue/src/index.js';
import { OutboxJobRunner } from '../../../../libs/workflow/src/index.js';
import { SEND_CONCURRENCY } from './mail-transport.js';
import { NotificationSender } from './notification-sender.service.js';

type SendJob = Job<JobData<'notification.send'>>;

/** Unpacks a send job and hands it to the sender; the dead path marks the ledger row dead too. */
// @Injectable makes TypeScript emit the constructor metadata the decorated subclasses inherit.
@Injectable()
abstract class EmailSendingWorker extends WorkerHost {
  constructor(
    private readonly runner: OutboxJobRunner,
    private readonly sender: NotificationSender,
  ) {
    super();
  }

  process(job: SendJob) {
    if (job.name !== JOBS.sendEmail) throw new Error(`Unknown notifier job ${job.name}`);
    return this.runner.run(job, () => this.sender.send(job.data.notificationId, { outboxId: job.data.outboxId }), {
      onDead: (tx, error) => this.sender.markDead(job.data.notificationId, error.message, tx),
    });
  }
}

@Processor(QUEUES.notifierUrgent, { concurrency: SEND_CONCURRENCY })
export class NotifierUrgentProcessor extends EmailSendingWorker {}

/** Digests and other bulk email, so they never delay an approval request. */
@Processor(QUEUES.notifierBulk, { concurrency: SEND_CONCURRENCY })
export class NotifierBulkProcessor extends EmailSendingWorker {}
