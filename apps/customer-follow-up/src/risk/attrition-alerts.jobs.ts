import { Injectable } from '@nestjs/common';
import type { JobPayload } from '#libs/queue';
import { OnJob, type JobContext } from '#libs/workflow';
import { AttritionAlertsService } from './attrition-alerts.service.js';

/** customer-follow-up's subscriptions to appraisal's `attrition.flagged` and `attrition.scanned`. */
@Injectable()
export class AttritionAlertsJobs {
  constructor(private readonly alerts: AttritionAlertsService) {}

  @OnJob('risk.attrition-flagged')
  flagged(payload: JobPayload<'risk.attrition-flagged'>, { correlationId }: JobContext) {
    return this.alerts.record(payload, correlationId);
  }

  @OnJob('risk.attrition-scanned')
  scanned(payload: JobPayload<'risk.attrition-scanned'>, { correlationId }: JobContext) {
    return this.alerts.clear(payload, correlationId);
  }
}
