import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '#libs/database';
import type { TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { DigestTimers } from './digest-timers.service.js';
import { DigestRepository } from './digest.repository.js';

/**
 * Once a day, whenever a replica starts and after every training policy change, every manager
 * gets the link of their digest chain the policy asks for (DigestTimers.reconcile): a chain a
 * failed job ended is resumed, a new manager the directory event missed is picked up, a changed
 * weekday or time moves the next digest. The check is itself a timer per UTC date (and per
 * policy version): arming it from every replica's start is harmless.
 */
@Injectable()
export class DigestCheckService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestCheckService.name);

  constructor(
    private readonly database: Database,
    private readonly repository: DigestRepository,
    private readonly digestTimers: DigestTimers,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.digestTimers.chain.armCheck(this.database.db, this.clock.now(), null);
  }

  async run(payload: TimerFiredPayload, correlationId: string | null): Promise<'done' | 'skipped'> {
    const now = this.clock.now();
    const checked = await this.digestTimers.chain.runCheck(this.database, payload.timerId, now, correlationId,
      () => this.repository.managerIds(this.database.db),
      (tx, batch) => this.digestTimers.reconcile(tx, batch, now, correlationId));
    if (checked === null) return 'skipped';
    this.logger.log(`Checked the training digest schedule of ${checked} managers.`);
    return 'done';
  }
}
