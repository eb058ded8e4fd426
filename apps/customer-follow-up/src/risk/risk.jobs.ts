import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { INSTALLATION_SUBJECT, JOBS, QUEUES, type JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { NotDueYetError, OnJob, TimerWriter, type JobContext } from '#libs/workflow';
import { nextRiskScan, riskScanKey } from './risk-scan-schedule.js';
import { RiskScanRepository } from './risk-scan.repository.js';
import { RiskScanService } from './risk-scan.service.js';

/**
 * The daily scan is a chain of timers on the bulk queue, one per Shanghai date (06:00 there).
 * Every replica arms the next link when it starts (harmless: the key is unique); a firing arms
 * the next link first, in its own transaction, so a scan that fails and retries cannot end the
 * chain. After downtime the missed link fires once and the next is armed after now: one
 * catch-up scan, not one per missed day.
 */
@Injectable()
export class RiskJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(RiskJobs.name);

  constructor(
    private readonly database: Database,
    private readonly scanner: RiskScanService,
    private readonly repository: RiskScanRepository,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.armNext(this.database.db, this.clock.now(), null);
  }

  /** Not TimerJobs: the scan writes in slices, each its own transaction, after the link's transaction; its outcome is recorded once it completed. */
  @OnJob('risk.scan')
  async scan(payload: JobPayload<'risk.scan'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    const now = this.clock.now();
    const due = await this.database.transaction(async (tx) => {
      const timer = await tx.selectFrom('Timer').select(['id', 'dueAt']).where('id', '=', payload.timerId).executeTakeFirst();
      if (!timer) return false;
      if (timer.dueAt.getTime() > now.getTime()) throw new NotDueYetError(timer.id, timer.dueAt);
      await this.armNext(tx, now, correlationId);
      return !(await this.repository.scanCompleted(tx, timer.id));
    });
    if (!due) return 'skipped';
    const started = Date.now();
    const summary = await this.scanner.scan(now, correlationId);
    await this.audit.record(this.database.db, {
      entityType: 'risk-scan', entityId: INSTALLATION_SUBJECT, action: 'risk-scan.completed', actorId: null,
      after: { timerId: payload.timerId, ...summary, ms: Date.now() - started }, correlationId, at: now,
    });
    return 'done';
  }

  private async armNext(tx: Tx, after: Date, correlationId: string | null): Promise<void> {
    const next = nextRiskScan(after);
    await this.timers.arm(tx, {
      kind: JOBS.riskScan, queue: QUEUES.followUpBulk, subjectId: INSTALLATION_SUBJECT,
      dueAt: next.at, uniqueKey: riskScanKey(next.localDate), correlationId,
    });
    this.logger.debug(`The next customer risk scan is armed for ${next.at.toISOString()}.`);
  }
}
