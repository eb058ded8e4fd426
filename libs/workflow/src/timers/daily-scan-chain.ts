import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditWriter } from '#libs/audit';
import type { Database, Tx } from '#libs/database';
import { INSTALLATION_SUBJECT, type JobName, type QueueName, type TimerFiredPayload } from '#libs/queue';
import { localDateOf, nextLocalTime, type Clock } from '#libs/time';
import type { TimerWriter } from '../timer.writer.js';
import { NotDueYetError } from './not-due-yet.error.js';

/** An installation-wide daily scan (the customer risk scan, the attrition scan) at one wall time in one zone. */
export interface DailyScanSpec {
  kind: JobName;
  queue: QueueName;
  /** Links are keyed `<name>:<localDate>`; a completed scan is the audit entry `<name>.completed` naming its timer. */
  name: string;
  /** The default wall time; a chain whose time is policy data passes the policy's to armNext, run and reschedule. */
  localTime: string;
  zone: string;
}

/** The first scan strictly after `after`, and its local date (part of its timer's unique key). */
export function nextDailyScan(spec: DailyScanSpec, after: Date, localTime = spec.localTime): { at: Date; localDate: string } {
  const at = nextLocalTime(localTime, spec.zone, after);
  return { at, localDate: localDateOf(at, spec.zone) };
}

export function dailyScanKey(spec: DailyScanSpec, localDate: string): string {
  return `${spec.name}:${localDate}`;
}

/**
 * A daily scan as a chain of timers, one per local date. Every replica arms the next link when it
 * starts (harmless: the key is unique); a firing arms the next link first, in its own transaction,
 * so a scan that fails and retries cannot end the chain. After downtime the missed link fires once
 * and the next is armed after now: one catch-up scan, not one per missed day. The scan itself runs
 * after that transaction (it writes in transactions of its own), and its completion is an audit
 * entry naming the timer, so a duplicate job (restored after a Redis flush) does nothing.
 */
export class DailyScanChain {
  constructor(
    private readonly spec: DailyScanSpec,
    private readonly database: Database,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async armNext(tx: Tx, after: Date, correlationId: string | null, localTime = this.spec.localTime): Promise<void> {
    const next = nextDailyScan(this.spec, after, localTime);
    await this.timers.arm(tx, {
      kind: this.spec.kind, queue: this.spec.queue, subjectId: INSTALLATION_SUBJECT, dueAt: next.at, uniqueKey: dailyScanKey(this.spec, next.localDate), correlationId,
    });
  }

  /**
   * The scan's wall time changed: the pending daily link moves to the next scan at the new time
   * (or is replaced, when that falls on another local date). One scan per local date stays the
   * rule: when today's scan already ran, the new time applies from tomorrow.
   */
  async reschedule(tx: Tx, now: Date, localTime: string, correlationId: string | null): Promise<void> {
    const next = nextDailyScan(this.spec, now, localTime);
    const key = dailyScanKey(this.spec, next.localDate);
    const pending = () => tx.updateTable('Timer').where('kind', '=', this.spec.kind).where('subjectId', '=', INSTALLATION_SUBJECT)
      .where('firedAt', 'is', null).where('cancelledAt', 'is', null);
    await pending().set({ cancelledAt: now }).where('uniqueKey', 'like', `${this.spec.name}:%`).where('uniqueKey', '<>', key).execute();
    await pending().set({ dueAt: next.at }).where('uniqueKey', '=', key).execute();
    await this.armNext(tx, now, correlationId, localTime);
  }

  /** A scan now (POST /risk-scans), through the same job as the daily links: a link of its own, keyed apart from the dates. */
  async runNow(tx: Tx, now: Date, correlationId: string | null): Promise<string> {
    const uniqueKey = `${this.spec.name}.now:${randomUUID()}`;
    await this.timers.arm(tx, { kind: this.spec.kind, queue: this.spec.queue, subjectId: INSTALLATION_SUBJECT, dueAt: now, uniqueKey, correlationId });
    return uniqueKey;
  }

  async run(payload: TimerFiredPayload, correlationId: string | null, scan: (now: Date) => Promise<object>, localTime = this.spec.localTime): Promise<'done' | 'skipped'> {
    const now = this.clock.now();
    const due = await this.database.transaction(async (tx) => {
      const timer = await tx.selectFrom('Timer').select(['id', 'dueAt']).where('id', '=', payload.timerId).executeTakeFirst();
      if (!timer) return false;
      if (timer.dueAt.getTime() > now.getTime()) throw new NotDueYetError(timer.id, timer.dueAt);
      await this.armNext(tx, now, correlationId, localTime);
      return !(await this.completed(tx, timer.id));
    });
    if (!due) return 'skipped';
    const started = Date.now();
    const summary = await scan(now);
    await this.audit.record(this.database.db, {
      entityType: this.spec.name, entityId: INSTALLATION_SUBJECT, action: `${this.spec.name}.completed`, actorId: null,
      after: { timerId: payload.timerId, ...summary, ms: Date.now() - started }, correlationId, at: now,
    });
    return 'done';
  }

  private async completed(tx: Tx, timerId: string): Promise<boolean> {
    const entry = await tx
      .selectFrom('AuditEntry')
      .select('id')
      .where('entityType', '=', this.spec.name)
      .where('entityId', '=', INSTALLATION_SUBJECT)
      .where('action', '=', `${this.spec.name}.completed`)
      .where(sql<string>`"after"->>'timerId'`, '=', timerId)
      .limit(1)
      .executeTakeFirst();
    return entry !== undefined;
  }
}
