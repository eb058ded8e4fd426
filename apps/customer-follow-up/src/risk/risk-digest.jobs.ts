import { Injectable } from '@nestjs/common';
import type { JobPayload } from '#libs/queue';
import { OnJob, type JobContext } from '#libs/workflow';
import { RiskDigestService } from './risk-digest.service.js';

/** A batch of managers' risk digests came due (TIMER_BATCH_SIZES). */
@Injectable()
export class RiskDigestJobs {
  constructor(private readonly digest: RiskDigestService) {}

  @OnJob('risk.digest')
  fire(payload: JobPayload<'risk.digest'>, { correlationId }: JobContext) {
    return this.digest.fire(payload.timerIds, correlationId);
  }
}
