import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Database } from '#libs/database';
import { JOBS, QUEUES, INSTALLATION_SUBJECT, type TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { NotDueYetError, TimerWriter } from '#libs/workflow';
import { DigestTimers } from './digest-timers.service.js';
import { RevisitsRepository } from './revisits.repository.js';

const OWNERS_PER_TRANSACTION = 500;

export function scheduleCheckKey(utcDate: string): string {
  return `followup-schedule-check:${utcDate}`;
}

/** Daily housekeeping of another feature; it must be harmless to run twice. */
export type DailyTask = (now: Date, correlationId: string | null) => Promise<void>;

/**
 * Once a day (and whenever a replica starts), every owner with planned visits gets the next link
 * of their digest chain armed, so a digest job that died cannot end the chain, and the daily tasks
 * other features added run. The check is itself a timer per UTC date: arming it from every
 * replica's start is harmless.
 */
@Injectable()
export class ScheduleCheckService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduleCheckService.name);
  private readonly dailyTasks = new Map<string, DailyTask>();

  constructor(
    private readonly database: Database,
    private readonly repository: RevisitsRepository,
    private readonly digestTimers: DigestTimers,
    private readonly timers: TimerWriter,
    private readonly clock: Clock,
  ) {}

  /** Call in onModuleInit. */
  addDailyTask(name: string, task: DailyTask): void {
    if (this.dailyTasks.has(name)) throw new Error(`The daily task "${name}" is added twice.`);
    this.dailyTasks.set(name, task);
  }

  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.now();
    await this.timers.arm(this.database.db, {
      kind: JOBS.revisitCheckSchedules, queue: QUEUES.followUpBulk, subjectId: INSTALLATION_SUBJECT,
      dueAt: now, uniqueKey: scheduleCheckKey(DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!),
    });
  }

  async run(payload: TimerFiredPayload, correlationId: string | null): Promise<'done' | 'skipped'> {
    const timer = await this.database.db.selectFrom('Timer').select(['id', 'dueAt']).where('id', '=', payload.timerId).executeTakeFirst();
    if (!timer) return 'skipped';
    const now = this.clock.now();
    if (timer.dueAt.getTime() > now.getTime()) throw new NotDueYetError(timer.id, timer.dueAt);
    // Tomorrow's check first, so a day whose work keeps failing does not end the chain.
    const tomorrow = DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: 1 }).startOf('day');
    await this.timers.arm(this.database.db, {
      kind: JOBS.revisitCheckSchedules, queue: QUEUES.followUpBulk, subjectId: INSTALLATION_SUBJECT,
      dueAt: tomorrow.toJSDate(), uniqueKey: scheduleCheckKey(tomorrow.toISODate()!), correlationId,
    });
    const owners = await this.repository.ownersWithPlannedVisits(this.database.db);
    for (let i = 0; i < owners.length; i += OWNERS_PER_TRANSACTION) {
      const batch = owners.slice(i, i + OWNERS_PER_TRANSACTION);
      await this.database.transaction((tx) => this.digestTimers.armNextForOwners(tx, batch, now, correlationId));
    }
    this.logger.log(`Checked the digest schedule of ${owners.length} owners with planned visits.`);
    for (const task of this.dailyTasks.values()) await task(now, correlationId);
    return 'done';
  }
}
