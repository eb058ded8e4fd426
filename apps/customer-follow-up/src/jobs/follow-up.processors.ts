import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES, type JobEnvelope } from '../../../../libs/queue/src/index.js';
import { OutboxJobRunner } from '../../../../libs/workflow/src/index.js';
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
    const { handler, onDead } = this.router.routeFor(job.name);
    const { outboxId: _outboxId, correlationId, ...payload } = job.data;
    const jobPayload = payload as Parameters<typeof handler>[0];
    return this.runner.run(job, () => handler(jobPayload, correlationId), onDead ? { onDead: (tx, error) => onDead(tx, error, jobPayload) } : {});
  }
}

/** Alerts, complaint deadlines, survey answers: never behind an import or a digest run. */
@Processor(QUEUES.followUpUrgent, { concurrency: 10 })
export class FollowUpUrgentProcessor extends FollowUpWorker {}

/** Imports, scans and digests. */
@Processor(QUEUES.followUpBulk, { concurrency: 4 })
export class FollowUpBulkProcessor extends FollowUpWorker {}
