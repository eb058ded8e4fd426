import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RISK_TYPE_CUSTOMER_DEMAND } from '#libs/contracts';
import { Database } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { OnJob, type JobContext } from '#libs/workflow';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { DailyScans } from './daily-scans.js';
import { RiskScanService } from './risk-scan.service.js';

/** The daily customer risk scan: a chain of timers on the bulk queue, one per Shanghai date, at the policy's `scanTimes.customerDemand` (DailyScanChain). */
@Injectable()
export class RiskJobs implements OnApplicationBootstrap {
  constructor(
    private readonly database: Database,
    private readonly scans: DailyScans,
    private readonly scanner: RiskScanService,
    private readonly policies: FollowUpPolicyStore,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { policy } = await this.policies.active();
    await this.scans.chain(RISK_TYPE_CUSTOMER_DEMAND).armNext(this.database.db, this.clock.now(), null, policy.scanTimes.customerDemand);
  }

  @OnJob('risk.scan')
  async scan(payload: JobPayload<'risk.scan'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    const { policy } = await this.policies.active();
    return this.scans.chain(RISK_TYPE_CUSTOMER_DEMAND).run(payload, correlationId, (now) => this.scanner.scan(now, correlationId), policy.scanTimes.customerDemand);
  }
}
