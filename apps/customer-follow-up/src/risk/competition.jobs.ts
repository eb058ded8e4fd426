import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { RISK_TYPE_COMPETITION } from '#libs/contracts';
import { Database } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { OnJob, type JobContext } from '#libs/workflow';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { CompetitionScanService } from './competition-scan.service.js';
import { DailyScans } from './daily-scans.js';

/** The daily market competition scan: a chain of timers on the bulk queue at the policy's time (DailyScanChain). */
@Injectable()
export class CompetitionJobs implements OnApplicationBootstrap {
  constructor(
    private readonly database: Database,
    private readonly scans: DailyScans,
    private readonly scanner: CompetitionScanService,
    private readonly policies: FollowUpPolicyStore,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { policy } = await this.policies.active();
    await this.scans.chain(RISK_TYPE_COMPETITION).armNext(this.database.db, this.clock.now(), null, policy.scanTimes.competition);
  }

  @OnJob('competition.scan')
  async scan(payload: JobPayload<'competition.scan'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    const { policy } = await this.policies.active();
    return this.scans.chain(RISK_TYPE_COMPETITION).run(payload, correlationId, (now) => this.scanner.scan(now, correlationId), policy.scanTimes.competition);
  }
}
