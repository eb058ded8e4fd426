import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { NotDueYetError, TimerWriter, type ArmTimer } from '#libs/workflow';
import type { EmployeeRow as Employee } from '../rows.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { digestKey, nextDigestOccurrence, type DigestOccurrence } from './digest-schedule.js';
import type { CalendarContext } from './local-days.js';

/**
 * The morning digest is a chain of timers, one per owner and local date. Arming always means
 * "the first digest time after this instant", so the chain, the daily check and any feature that
 * plans a visit agree on the next link, and the unique key makes arming it twice harmless.
 */
@Injectable()
export class DigestTimers {
  constructor(
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly timers: TimerWriter,
  ) {}

  /** The next link for each owner, reading the policy once and each calendar once. */
  async armNextForOwners(tx: Tx, ownerIds: string[], after: Date, correlationId: string | null = null): Promise<void> {
    const { policy } = await this.policies.active(tx);
    const owners = await this.directory.findManyById(ownerIds, tx);
    const contexts = await this.directory.workingContexts(owners, tx);
    await this.armNextForEach(tx, owners.map((owner) => ({ ownerId: owner.id, context: contexts.get(owner.id)! })), policy.digestLocalTime, after, correlationId);
  }

  /** The digest timers of a fired batch (those that still exist: purged ones are history). */
  find(tx: Tx, timerIds: string[]): Promise<{ id: string; subjectId: string; dueAt: Date }[]> {
    if (timerIds.length === 0) return Promise.resolve([]);
    // One array parameter (= ANY), not one parameter per id: a batch has up to 250.
    return tx.selectFrom('Timer').select(['id', 'subjectId', 'dueAt']).where((eb) => eb('id', '=', eb.fn.any(eb.val(timerIds)))).execute();
  }

  /**
   * The people a fired batch of digest timers is for (those in the directory), refusing to act
   * before every timer's due time (NotDueYetError: BullMQ retries it later, so a clock jump never
   * brings a digest early). The morning digest and the risk digest both start here.
   */
  async dueRecipients(tx: Tx, timerIds: string[], now: Date): Promise<Employee[]> {
    const timers = await this.find(tx, timerIds);
    const early = timers.find((timer) => timer.dueAt.getTime() > now.getTime());
    if (early) throw new NotDueYetError(early.id, early.dueAt);
    return this.directory.findManyById([...new Set(timers.map((timer) => timer.subjectId))], tx);
  }

  /** The first digest time after `after` in the owner's calendar. */
  async armNextIn(tx: Tx, ownerId: string, context: CalendarContext, digestLocalTime: string, after: Date, correlationId: string | null = null): Promise<DigestOccurrence> {
    const next = nextDigestOccurrence(after, digestLocalTime, context);
    await this.timers.arm(tx, digestTimer(ownerId, next, correlationId));
    return next;
  }

  /** armNextIn for many owners whose calendars the caller has read, in one statement (each calendar's next time worked out once). */
  async armNextForEach(tx: Tx, owners: { ownerId: string; context: CalendarContext }[], digestLocalTime: string, after: Date, correlationId: string | null = null): Promise<void> {
    const nextFor = new Map<CalendarContext, DigestOccurrence>();
    const next = (context: CalendarContext) => nextFor.get(context) ?? nextFor.set(context, nextDigestOccurrence(after, digestLocalTime, context)).get(context)!;
    await this.timers.armAll(tx, owners.map(({ ownerId, context }) => digestTimer(ownerId, next(context), correlationId)));
  }
}

function digestTimer(ownerId: string, next: DigestOccurrence, correlationId: string | null): ArmTimer {
  return { kind: JOBS.revisitDigest, queue: QUEUES.followUpBulk, subjectId: ownerId, dueAt: next.at, uniqueKey: digestKey(ownerId, next.localDate), correlationId };
}
