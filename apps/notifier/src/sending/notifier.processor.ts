import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JOBS, QUEUES, type JobData } from '../../../../libs/queue/src/index.js';
import { OutboxJobRunner } from '../../../../libs/workflow/src/index.js';
import { NotificationSender } from './notification-sender.service.js';

type SendJob = Job<JobData<'notification.send'>>;

function sendEmail(runner: OutboxJobRunner, sender: NotificationSender, job: SendJob) {
  if (job.name !== JOBS.sendEmail) throw new Error(`Unknown notifier job ${job.name}`);
  return runner.run(job, () => sender.send(job.data.notificationId), {
    onDead: (tx, error) => sender.markDead(job.data.notificationId, error.message, tx),
  });
}

@Processor(QUEUES.notifierUrgent, { concurrency: 20 })
export class NotifierUrgentProcessor extends WorkerHost {
  constructor(
    private readonly runner: OutboxJobRunner,
    private readonly sender: NotificationSender,
  ) {
    super();
  }

  process(job: SendJob) {
    return sendEmail(this.runner, this.sender, job);
  }
}

@Processor(QUEUES.notifierBulk, { concurrency: 20 })
export class NotifierBulkProcessor extends WorkerHost {
  constructor(
    private readonly runner: OutboxJobRunner,
    private readonly sender: NotificationSender,
  ) {
    super();
  }

  process(job: SendJob) {
    return sendEmail(this.runner, this.sender, job);
  }
}
