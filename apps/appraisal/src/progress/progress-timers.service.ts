import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { TimerWriter, WeeklyTimerChain, type ChainSubject } from '#libs/workflow';
import { ProgressRepository } from './progress.repository.js';
import { PROGRESS_SCHEDULE, TARGET_PROGRESS_CHAIN } from './progress.rules.js';

/**
 * The Monday emails are a chain of timers, one per manager and local date (WeeklyTimerChain).
 * Once a day and whenever a replica starts, every manager (anyone with a direct report) gets the
 * link they lack: a new manager is picked up within a day, a chain a failed job ended resumes.
 * The check is itself a timer per UTC date: arming it from every replica's start is harmless.
 */
@Injectable()
export class ProgressTimers implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProgressTimers.name);
  readonly chain: WeeklyTimerChain;

  constructor(
    private readonly database: Database,
    private readonly repository: ProgressRepository,
    private readonly directory: OrgDirectory,
    private readonly clock: Clock,
    timers: TimerWriter,
  ) {
    this.chain = new WeeklyTimerChain(timers, TARGET_PROGRESS_CHAIN);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.chain.armCheck(this.database.db, this.clock.now(), null);
  }

  async check(payload: TimerFiredPayload, correlationId: string | null): Promise<'done' | 'skipped'> {
    const now = this.clock.now();
    const checked = await this.chain.runCheck(this.database, payload.timerId, now, correlationId,
      () => this.repository.managerIds(this.database.db, null),
      async (tx, batch) => this.chain.reconcile(tx, batch, await this.subjects(tx, batch), PROGRESS_SCHEDULE, now, correlationId));
    if (checked === null) return 'skipped';
    this.logger.log(`Checked the target progress email schedule of ${checked} managers.`);
    return 'done';
  }

  /**
   * Targets were set for these people: the managers above them get their link now (a new manager
   * is otherwise picked up by the next daily check). Harmless when armed already.
   */
  async armAbove(tx: Tx, employeeIds: string[], now: Date, correlationId: string | null): Promise<void> {
    const managerIds = await this.repository.managersAbove(tx, employeeIds);
    if (managerIds.length > 0) await this.chain.reconcile(tx, managerIds, await this.subjects(tx, managerIds), PROGRESS_SCHEDULE, now, correlationId);
  }

  /** The managers with the zone their Monday is read in. */
  async subjects(tx: Tx, managerIds: string[]): Promise<ChainSubject[]> {
    const managers = await this.directory.findManyById(managerIds, tx);
    const contexts = await this.directory.workingContexts(managers, tx);
    return managers.map((manager) => ({ id: manager.id, zone: contexts.get(manager.id)!.zone }));
  }
}
