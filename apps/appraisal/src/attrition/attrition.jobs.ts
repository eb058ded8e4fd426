import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { DailyScanChain, OnJob, TimerWriter, type JobContext } from '#libs/workflow';
import { ATTRITION_SCAN } from './attrition-scan-schedule.js';
import { AttritionScanService } from './attrition-scan.service.js';

/** The daily attrition scan: a chain of timers on appraisal's bulk queue, one per Shanghai date (DailyScanChain). */
@Injectable()
export class AttritionJobs implements OnApplicationBootstrap {
  private readonly chain: DailyScanChain;

  constructor(
    private readonly database: Database,
    private readonly scanner: AttritionScanService,
    timers: TimerWriter,
    audit: AuditWriter,
    private readonly clock: Clock,
  ) {
    this.chain = new DailyScanChain(ATTRITION_SCAN, database, timers, audit, clock);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.chain.armNext(this.database.db, this.clock.now(), null);
  }

  @OnJob('attrition.scan')
  scan(payload: JobPayload<'attrition.scan'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    return this.chain.run(payload, correlationId, (now) => this.scanner.scan(now, correlationId));
  }
}
