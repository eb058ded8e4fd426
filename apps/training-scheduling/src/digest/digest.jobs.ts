import { Injectable } from '@nestjs/common';
import type { JobPayload } from '#libs/queue';
import { OnJob, type JobContext } from '#libs/workflow';
import { DigestCheckService } from './digest-check.service.js';
import { TrainingDigestService } from './training-digest.service.js';

/** The digest timers: a batch of managers' weekly digests, and the check that keeps every chain armed. */
@Injectable()
export class DigestJobs {
  constructor(
    private readonly digests: TrainingDigestService,
    private readonly check: DigestCheckService,
  ) {}

  /** A batch of managers' digest timers: one set-based transaction for all of them, so not TimerJobs (one timer, one subject). */
  @OnJob('training.digest')
  digest(payload: JobPayload<'training.digest'>, context: JobContext) {
    return this.digests.fire(payload.timerIds, context.correlationId);
  }

  /** Managers in batches of short transactions, so not TimerJobs' one transaction. */
  @OnJob('training.digest-check')
  checkSchedules(payload: JobPayload<'training.digest-check'>, context: JobContext) {
    return this.check.run(payload, context.correlationId);
  }
}
