import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES, type JobEnvelope } from '#libs/queue';
import { OutboxJobRunner } from '#libs/workflow';
import { FollowUpJobRouter } from './follow-up-job.router.js';

type FollowUpJob = Job<JobEnvelope & Record<string, unknown>>;

// @Injectable makes TypeScript emit the constructor metadata the decorated subclasses inherit.
@Injectable()
abstract class FollowUpWorker extends WorkerHost {
  constructor(
    private readonly runner: OutboxJobRunner,
    private readonly router: FollowUpJobRouter,
  ) {
    super();
  }

  process(job: FollowUpJob) {
    const handler = this.router.handlerFor(job.name);
    const { outboxId: _outboxId, correlationId, ...payload } = job.data;
    // A job that dies books its domain rows through DeadJobHooks (registered with the handler).
    return this.runner.run(job, () => handler(payload as Parameters<typeof handler>[0], correlationId));
  }
}

/** Alerts, complaint deadlines, survey answers: never behind an import or a digest run. */
@Processor(QUEUES.followUpUrgent, { concurrency: 10 })
export class FollowUpUrgentProcessor extends FollowUpWorker {}

/** Imports, scans and digests. */
@Processor(QUEUES.followUpBulk, { concurrency: 4 })
export class FollowUpBulkProcessor extends FollowUpWorker {}
