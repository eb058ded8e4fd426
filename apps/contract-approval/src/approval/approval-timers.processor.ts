import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JOBS, QUEUES, type JobData, type TimerFiredPayload } from '#libs/queue';
import { OutboxJobRunner } from '#libs/workflow';
import { AbsenceReturns } from '../absence/absence.jobs.js';
import { SlaHandlers } from './approval.jobs.js';

type TimerJob = Job<JobData<'approval.remind'>>;

/** Unpacks a fired approval timer and hands it to one service method. */
@Processor(QUEUES.approvalUrgent, { concurrency: 10 })
export class ApprovalTimersProcessor extends WorkerHost {
  constructor(
    private readonly runner: OutboxJobRunner,
    private readonly handlers: SlaHandlers,
    private readonly returns: AbsenceReturns,
  ) {
    super();
  }

  process(job: TimerJob) {
    const payload: TimerFiredPayload = { timerId: job.data.timerId, subjectId: job.data.subjectId };
    const correlationId = job.data.correlationId;
    switch (job.name) {
      case JOBS.approvalRemind:
        return this.runner.run(job, () => this.handlers.remind(payload, correlationId));
      case JOBS.approvalEscalate:
        return this.runner.run(job, () => this.handlers.escalate(payload, correlationId));
      case JOBS.absenceStart:
        return this.runner.run(job, () => this.handlers.absenceStarted(payload, correlationId));
      case JOBS.absenceEnd:
        return this.runner.run(job, () => this.returns.absenceEnded(payload, correlationId));
      default:
        throw new Error(`Unknown approval job ${job.name}`);
    }
  }
}
