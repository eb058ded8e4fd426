import { DateTime } from 'luxon';
import type { Database, Tx } from '#libs/database';
import { INSTALLATION_SUBJECT, type JobName, type QueueName } from '#libs/queue';
import { localDateOf, nextLocalWeekdayTime } from '#libs/time';
import type { ArmTimer, TimerWriter } from '../timer.writer.js';
import { NotDueYetError } from './not-due-yet.error.js';

/** Subjects per transaction of the daily check: short transactions, each a few set-based statements. */
const SUBJECTS_PER_CHECK_TRANSACTION = 500;

/** A weekday (ISO, 1 = Monday) and a wall time (HH:mm), read in each subject's own zone. */
export interface WeeklySchedule {
  weekday: number;
  localTime: string;
}

export interface WeeklyOccurrence {
  at: Date;
  /** The subject's local date of the occurrence: part of its timer key and its email key. */
  localDate: string;
}

/** The first occurrence strictly after `after` in `zone` (follows DST: a week of wall time). */
export function nextWeeklyOccurrence(after: Date, schedule: WeeklySchedule, zone: string): WeeklyOccurrence {
  const at = nextLocalWeekdayTime(schedule.localTime, schedule.weekday, zone, after);
  return { at, localDate: localDateOf(at, zone) };
}

/** A link's unique key (and usually its email's idempotency key): `<prefix>:<subject>:<localDate>`. */
export function weeklyLinkKey(prefix: string, subjectId: string, localDate: string): string {
  return `${prefix}:${subjectId}:${localDate}`;
}

export function parseWeeklyLinkKey(prefix: string, key: string): { subjectId: string; localDate: string } | null {
  if (!key.startsWith(`${prefix}:`)) return null;
  const match = /^([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2})$/.exec(key.slice(prefix.length + 1));
  return match ? { subjectId: match[1], localDate: match[2] } : null;
}

export interface WeeklyChainSpec {
  /** The batched timer kind of a link (TIMER_BATCH_SIZES). */
  kind: JobName;
  /** The daily check's timer kind (one timer per UTC date, subject INSTALLATION_SUBJECT). */
  checkKind: JobName;
  queue: QueueName;
  /** Links are keyed `<prefix>:<subject>:<localDate>`, the daily check `<prefix>-check:<utcDate>`. */
  keyPrefix: string;
}

/** A subject of the chain (a manager) and the zone their schedule is read in. */
export interface ChainSubject {
  id: string;
  zone: string;
}

export interface FiredLink {
  timerId: string;
  subjectId: string;
  localDate: string;
}

/**
 * A weekly email per subject (a manager's Monday digest) as a chain of timers, one per subject
 * and local date. A link is always "the first occurrence after this instant" in the subject's
 * zone, so the chain, the daily check and a directory change agree on it, and its unique key
 * makes arming it twice harmless. Everything is set-based over a batch of subjects: one read of
 * the links, one statement to cancel and one to arm.
 */
export class WeeklyTimerChain {
  constructor(
    private readonly timers: TimerWriter,
    readonly spec: WeeklyChainSpec,
  ) {}

  key(subjectId: string, localDate: string): string {
    return weeklyLinkKey(this.spec.keyPrefix, subjectId, localDate);
  }

  parseKey(key: string): { subjectId: string; localDate: string } | null {
    return parseWeeklyLinkKey(this.spec.keyPrefix, key);
  }

  checkKey(utcDate: string): string {
    return `${this.spec.keyPrefix}-check:${utcDate}`;
  }

  /** The next link of each subject after `after`, in one statement (each zone's next time worked out once). */
  async armNext(tx: Tx, subjects: ChainSubject[], schedule: WeeklySchedule, after: Date, correlationId: string | null): Promise<void> {
    const next = nextIn(schedule, after);
    await this.timers.armAll(tx, subjects.map((subject) => this.link(subject.id, next(subject.zone), correlationId)));
  }

  /**
   * Makes each subject have exactly the link the schedule asks for now: armed when missing, moved
   * when the schedule changed (the old link cancelled). A link already due is left to fire (it
   * arms the next one itself). Pending links of anyone not among `subjects` but among
   * `candidateIds` (no longer a manager) are cancelled.
   */
  async reconcile(tx: Tx, candidateIds: string[], subjects: ChainSubject[], schedule: WeeklySchedule, now: Date, correlationId: string | null): Promise<void> {
    if (candidateIds.length === 0) return;
    const pending = await tx
      .selectFrom('Timer')
      .select(['subjectId', 'uniqueKey', 'dueAt'])
      .where('kind', '=', this.spec.kind)
      .where('firedAt', 'is', null)
      .where('cancelledAt', 'is', null)
      .where((eb) => eb('subjectId', '=', eb.fn.any(eb.val(candidateIds))))
      .execute();
    const dueNow = new Set(pending.filter((link) => link.dueAt.getTime() <= now.getTime()).map((link) => link.subjectId));
    const next = nextIn(schedule, now);
    const wanted = subjects.filter((subject) => !dueNow.has(subject.id)).map((subject) => this.link(subject.id, next(subject.zone), correlationId));
    const wantedKeys = new Set(wanted.map((timer) => timer.uniqueKey));
    const stale = pending.filter((link) => !dueNow.has(link.subjectId) && !wantedKeys.has(link.uniqueKey)).map((link) => link.uniqueKey);
    await this.timers.cancelByKeys(tx, stale, now);
    await this.timers.armAll(tx, wanted);
  }

  /**
   * The links of a fired batch that still exist, with the local date each is for. A link not due
   * yet (a clock jump, a job restored early) throws NotDueYetError: retried later, never early.
   */
  async fired(tx: Tx, timerIds: string[], now: Date): Promise<FiredLink[]> {
    if (timerIds.length === 0) return [];
    const rows = await tx.selectFrom('Timer').select(['id', 'subjectId', 'dueAt', 'uniqueKey']).where((eb) => eb('id', '=', eb.fn.any(eb.val(timerIds)))).execute();
    const early = rows.find((timer) => timer.dueAt.getTime() > now.getTime());
    if (early) throw new NotDueYetError(early.id, early.dueAt);
    return rows.flatMap((row) => {
      const key = this.parseKey(row.uniqueKey);
      return key ? [{ timerId: row.id, subjectId: row.subjectId, localDate: key.localDate }] : [];
    });
  }

  /** Arms the daily check of `dueAt`'s UTC date (arming it from every replica's start is harmless). */
  armCheck(tx: Tx, dueAt: Date, correlationId: string | null): Promise<void> {
    return this.timers.arm(tx, {
      kind: this.spec.checkKind, queue: this.spec.queue, subjectId: INSTALLATION_SUBJECT, dueAt,
      uniqueKey: this.checkKey(DateTime.fromJSDate(dueAt, { zone: 'utc' }).toISODate()!), correlationId,
    });
  }

  /**
   * A daily check timer fired: refuses it before its time, arms tomorrow's first (so a day whose
   * work keeps failing does not end the chain). False when the timer no longer exists.
   */
  async startCheck(tx: Tx, timerId: string, now: Date, correlationId: string | null): Promise<boolean> {
    const timer = await tx.selectFrom('Timer').select(['id', 'dueAt']).where('id', '=', timerId).executeTakeFirst();
    if (!timer) return false;
    if (timer.dueAt.getTime() > now.getTime()) throw new NotDueYetError(timer.id, timer.dueAt);
    await this.armCheck(tx, DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: 1 }).startOf('day').toJSDate(), correlationId);
    return true;
  }

  /**
   * The daily check's whole run: `startCheck`, then the candidates (every manager) reconciled in
   * short transactions of SUBJECTS_PER_CHECK_TRANSACTION each. Null when the check timer is gone.
   */
  async runCheck(
    database: Database, timerId: string, now: Date, correlationId: string | null,
    candidates: () => Promise<string[]>, reconcileBatch: (tx: Tx, batch: string[]) => Promise<unknown>,
  ): Promise<number | null> {
    if (!(await this.startCheck(database.db, timerId, now, correlationId))) return null;
    const ids = await candidates();
    for (let i = 0; i < ids.length; i += SUBJECTS_PER_CHECK_TRANSACTION) {
      const batch = ids.slice(i, i + SUBJECTS_PER_CHECK_TRANSACTION);
      await database.transaction((tx) => reconcileBatch(tx, batch));
    }
    return ids.length;
  }

  private link(subjectId: string, next: WeeklyOccurrence, correlationId: string | null): ArmTimer {
    return { kind: this.spec.kind, queue: this.spec.queue, subjectId, dueAt: next.at, uniqueKey: this.key(subjectId, next.localDate), correlationId };
  }
}

function nextIn(schedule: WeeklySchedule, after: Date): (zone: string) => WeeklyOccurrence {
  const byZone = new Map<string, WeeklyOccurrence>();
  return (zone) => byZone.get(zone) ?? byZone.set(zone, nextWeeklyOccurrence(after, schedule, zone)).get(zone)!;
}
