import { Injectable } from '@nestjs/common';
import type { JobPayload } from '#libs/queue';
import { OnJob, type JobContext } from '#libs/workflow';
import { ProgressTimers } from './progress-timers.service.js';
import { TargetProgressService } from './target-progress.service.js';

/** The Monday progress timers: a batch of managers' emails, and the daily check that keeps every chain armed. */
@Injectable()
export class ProgressJobs {
  constructor(
    private readonly progress: TargetProgressService,
    private readonly timers: ProgressTimers,
  ) {}

  /** A batch of managers' links: one set-based transaction for all of them, so not TimerJobs (one timer, one subject). */
  @OnJob('appraisal.target-progress')
  send(payload: JobPayload<'appraisal.target-progress'>, context: JobContext) {
    return this.progress.fire(payload.timerIds, context.correlationId);
  }

  /** Managers in batches of short transactions, so not TimerJobs' one transaction. */
  @OnJob('appraisal.target-progress-check')
  check(payload: JobPayload<'appraisal.target-progress-check'>, context: JobContext) {
    return this.timers.check(payload, context.correlationId);
  }
}
