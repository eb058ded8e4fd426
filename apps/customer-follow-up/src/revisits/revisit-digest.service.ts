import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory, type WorkingContext } from '#libs/org';
import { Clock } from '#libs/time';
import type { EmployeeRow as Employee } from '../rows.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { DigestTimers } from './digest-timers.service.js';
import { localDateOf, localDayBounds, overdueWorkingDays } from './local-days.js';
import { RevisitMailer, visitLine, type DigestMail } from './revisits.mailer.js';
import { RevisitsRepository, type DigestVisit } from './revisits.repository.js';

/**
 * The morning digest, when a batch of owners' digest timers fires (the sweeper hands them over
 * in batches: TIMER_BATCH_SIZES): compose each owner's today's and overdue visits, ask for the
 * emails, and arm each owner's next occurrence, set-based and in one transaction.
 *
 * A digest serves the owner's local date at the moment it runs. A timer that fires late after
 * downtime therefore sends one catch-up digest for today (whatever it missed is still listed as
 * overdue) and arms the next occurrence after now, never one email per missed day. The email key
 * `revisit-digest:<owner>:<date>` makes the day's digest a single email even if a timer for the
 * same date fires again.
 */
@Injectable()
export class RevisitDigestService {
  constructor(
    private readonly database: Database,
    private readonly repository: RevisitsRepository,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly digestTimers: DigestTimers,
    private readonly mailer: RevisitMailer,
    private readonly clock: Clock,
  ) {}

  /** 'done' when at least one digest was asked for. */
  async fire(timerIds: string[], correlationId: string | null): Promise<'done' | 'skipped'> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const owners = await this.digestTimers.dueRecipients(tx, timerIds, now);
      if (owners.length === 0) return 'skipped';
      const contexts = await this.directory.workingContexts(owners, tx);
      const { policy } = await this.policies.active(tx);
      await this.digestTimers.armNextForEach(tx, owners.map((owner) => ({ ownerId: owner.id, context: contexts.get(owner.id)! })), policy.digestLocalTime, now, correlationId);
      const mails = await this.compose(tx, owners, contexts, now);
      const asked = await this.mailer.digests(tx, mails, correlationId);
      return asked.some(Boolean) ? 'done' : 'skipped';
    });
  }

  /** One digest per owner with visits due by the end of their local day (none due: no email). */
  private async compose(tx: Tx, owners: Employee[], contexts: Map<string, WorkingContext>, now: Date): Promise<DigestMail[]> {
    const dayIn = new Map<string, { start: Date; end: Date; localDate: string }>();
    const dayOf = (zone: string) => dayIn.get(zone) ?? dayIn.set(zone, { ...localDayBounds(now, zone), localDate: localDateOf(now, zone) }).get(zone)!;
    const days = new Map(owners.map((owner) => [owner.id, dayOf(contexts.get(owner.id)!.zone)]));
    const latestEnd = new Date(Math.max(...[...days.values()].map((day) => day.end.getTime())));
    const dueByOwner = new Map<string, DigestVisit[]>();
    for (const visit of await this.repository.dueForOwners(tx, [...days.keys()], latestEnd)) {
      if (visit.dueAt >= days.get(visit.ownerId)!.end) continue;
      const listed = dueByOwner.get(visit.ownerId);
      if (listed) listed.push(visit);
      else dueByOwner.set(visit.ownerId, [visit]);
    }
    const owed = owners.filter((owner) => dueByOwner.has(owner.id));
    const recipients = await this.recipientsFor(tx, owed, contexts, now);
    return owed.map((owner) => {
      const context = contexts.get(owner.id)!;
      const { start, localDate } = days.get(owner.id)!;
      const visits = dueByOwner.get(owner.id)!;
      return {
        recipient: recipients.get(owner.id)!,
        content: {
          owner,
          asDelegate: recipients.get(owner.id)!.employee.id !== owner.id,
          localDate,
          today: visits.filter((v) => v.dueAt >= start).map((v) => visitLine(v, 0)),
          overdue: visits.filter((v) => v.dueAt < start).map((v) => visitLine(v, overdueWorkingDays(v.dueAt, now, context))),
        },
      };
    });
  }

  /** While an owner is absent, their delegate reads the digest (unless the delegate is away too). */
  private async recipientsFor(tx: Tx, owners: Employee[], contexts: Map<string, WorkingContext>, now: Date): Promise<Map<string, DigestMail['recipient']>> {
    const absences = await this.directory.absencesAt(owners.map((owner) => owner.id), now, tx);
    const delegateIds = [...new Set([...absences.values()].flatMap((absence) => (absence.delegateId ? [absence.delegateId] : [])))];
    const delegates = await this.directory.findManyById(delegateIds, tx);
    const awayDelegates = await this.directory.absencesAt(delegateIds, now, tx);
    const available = new Map(delegates.filter((delegate) => !awayDelegates.has(delegate.id)).map((delegate) => [delegate.id, delegate]));
    const delegateContexts = await this.directory.workingContexts([...available.values()], tx);
    return new Map(
      owners.map((owner) => {
        const delegate = available.get(absences.get(owner.id)?.delegateId ?? '');
        return [owner.id, delegate ? { employee: delegate, timezone: delegateContexts.get(delegate.id)!.zone } : { employee: owner, timezone: contexts.get(owner.id)!.zone }];
      }),
    );
  }
}
