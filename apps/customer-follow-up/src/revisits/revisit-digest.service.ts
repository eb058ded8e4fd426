import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Employee } from '../../../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../../../libs/database/src/index.js';
import { OrgDirectory } from '../../../../libs/org/src/index.js';
import { JOBS, type TimerFiredPayload } from '../../../../libs/queue/src/index.js';
import { Clock } from '../../../../libs/time/src/clock.js';
import { FollowUpJobRouter } from '../jobs/follow-up-job.router.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { DigestTimers } from './digest-timers.service.js';
import { localDateOf, localDayBounds, overdueWorkingDays, type CalendarContext } from './local-days.js';
import { RevisitMailer, visitLine } from './revisit-mailer.js';
import { TimerNotDueError } from './timer-not-due.error.js';
import { VisitsRepository } from './visits.repository.js';

/**
 * The morning digest, when an owner's digest timer fires: compose today's and overdue visits,
 * ask for the email, and arm the next occurrence, all in one transaction.
 *
 * The digest serves the owner's local date at the moment it runs. A timer that fires late after
 * downtime therefore sends one catch-up digest for today (whatever it missed is still listed as
 * overdue) and arms the next occurrence after now, never one email per missed day. The email key
 * `revisit-digest:<owner>:<date>` makes the day's digest a single email even if a timer for the
 * same date fires again.
 */
@Injectable()
export class RevisitDigestService implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly router: FollowUpJobRouter,
    private readonly repository: VisitsRepository,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly digestTimers: DigestTimers,
    private readonly mailer: RevisitMailer,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.router.register(JOBS.followUpDigest, (payload, correlationId) => this.fire({ timerId: payload.timerId, subjectId: payload.subjectId }, correlationId));
  }

  async fire(payload: TimerFiredPayload, correlationId: string | null): Promise<'done' | 'skipped'> {
    return this.prisma.$transaction(async (tx) => {
      const timer = await tx.timer.findUnique({ where: { id: payload.timerId } });
      const owner = await this.directory.findById(payload.subjectId, tx);
      if (!timer || !owner) return 'skipped';
      const now = this.clock.now();
      if (timer.dueAt.getTime() > now.getTime()) throw new TimerNotDueError(timer.id, timer.dueAt);
      const context = await this.directory.workingContext(owner, tx);
      const { policy } = await this.policies.active(tx);
      await this.digestTimers.armNextIn(tx, owner.id, context, policy.digestLocalTime, now, correlationId);
      return (await this.send(tx, owner, context, now, correlationId)) ? 'done' : 'skipped';
    });
  }

  /** False when nothing is due (no email) or the day's digest was already asked for. */
  private async send(tx: Tx, owner: Employee, context: CalendarContext, now: Date, correlationId: string | null): Promise<boolean> {
    const { start, end } = localDayBounds(now, context.zone);
    const visits = await this.repository.dueForOwner(tx, owner.id, end);
    if (visits.length === 0) return false;
    const recipient = await this.recipientFor(tx, owner, now);
    return this.mailer.digest(
      tx,
      { employee: recipient, timezone: recipient.id === owner.id ? context.zone : (await this.directory.workingContext(recipient, tx)).zone },
      {
        owner,
        asDelegate: recipient.id !== owner.id,
        localDate: localDateOf(now, context.zone),
        today: visits.filter((v) => v.dueAt >= start).map((v) => visitLine(v, 0)),
        overdue: visits.filter((v) => v.dueAt < start).map((v) => visitLine(v, overdueWorkingDays(v.dueAt, now, context))),
      },
      correlationId,
    );
  }

  /** While the owner is absent, their delegate reads the digest (unless the delegate is away too). */
  private async recipientFor(tx: Tx, owner: Employee, now: Date): Promise<Employee> {
    const absence = await this.directory.absenceAt(owner.id, now, tx);
    if (!absence?.delegateId) return owner;
    const delegate = await this.directory.findById(absence.delegateId, tx);
    if (!delegate || (await this.directory.absenceAt(delegate.id, now, tx))) return owner;
    return delegate;
  }
}
