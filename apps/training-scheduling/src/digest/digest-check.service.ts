import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Database } from '#libs/database';
import { INSTALLATION_SUBJECT, JOBS, QUEUES, type TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { NotDueYetError, TimerWriter } from '#libs/workflow';
import { DigestTimers } from './digest-timers.service.js';
import { DigestRepository } from './digest.repository.js';
import { digestCheckKey } from './digest.rules.js';

const MANAGERS_PER_TRANSACTION = 500;

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
    private readonly timers: TimerWriter,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.armCheck(this.clock.now(), null);
  }

  async run(payload: TimerFiredPayload, correlationId: string | null): Promise<'done' | 'skipped'> {
    const timer = await this.database.db.selectFrom('Timer').select(['id', 'dueAt']).where('id', '=', payload.timerId).executeTakeFirst();
    if (!timer) return 'skipped';
    const now = this.clock.now();
    if (timer.dueAt.getTime() > now.getTime()) throw new NotDueYetError(timer.id, timer.dueAt);
    // Tomorrow's check first, so a day whose work keeps failing does not end the chain.
    await this.armCheck(DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: 1 }).startOf('day').toJSDate(), correlationId);
    const managerIds = await this.repository.managerIds(this.database.db);
    for (let i = 0; i < managerIds.length; i += MANAGERS_PER_TRANSACTION) {
      const batch = managerIds.slice(i, i + MANAGERS_PER_TRANSACTION);
      await this.database.transaction((tx) => this.digestTimers.reconcile(tx, batch, now, correlationId));
    }
    this.logger.log(`Checked the training digest schedule of ${managerIds.length} managers.`);
    return 'done';
  }

  private armCheck(dueAt: Date, correlationId: string | null): Promise<void> {
    return this.timers.arm(this.database.db, {
      kind: JOBS.trainingDigestCheck, queue: QUEUES.trainingBulk, subjectId: INSTALLATION_SUBJECT,
      dueAt, uniqueKey: digestCheckKey(DateTime.fromJSDate(dueAt, { zone: 'utc' }).toISODate()!), correlationId,
    });
  }
}
