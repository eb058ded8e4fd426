import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { DailyScanChain, OnJob, TimerWriter, type JobContext } from '#libs/workflow';
import { RISK_SCAN } from './risk-scan-schedule.js';
import { RiskScanService } from './risk-scan.service.js';

/** The daily customer risk scan: a chain of timers on the bulk queue, one per Shanghai date (DailyScanChain). */
@Injectable()
export class RiskJobs implements OnApplicationBootstrap {
  private readonly chain: DailyScanChain;

  constructor(
    private readonly database: Database,
    private readonly scanner: RiskScanService,
    timers: TimerWriter,
    audit: AuditWriter,
    private readonly clock: Clock,
  ) {
    this.chain = new DailyScanChain(RISK_SCAN, database, timers, audit, clock);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.chain.armNext(this.database.db, this.clock.now(), null);
  }

  @OnJob('risk.scan')
  scan(payload: JobPayload<'risk.scan'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    return this.chain.run(payload, correlationId, (now) => this.scanner.scan(now, correlationId));
  }
}
