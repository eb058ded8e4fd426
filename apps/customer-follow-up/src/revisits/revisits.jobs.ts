import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { overdueWorkingDays } from './local-days.js';
import { RevisitDigestService } from './revisit-digest.service.js';
import { RevisitMailer, visitLine } from './revisits.mailer.js';
import { RevisitPlanner } from './revisit-planner.service.js';
import { ScheduleCheckService } from './schedule-check.service.js';
import { RevisitsRepository } from './revisits.repository.js';

/** The revisit timers: the morning digest, overdue escalation, and the daily schedule check. */
@Injectable()
export class RevisitJobs {
  private readonly logger = new Logger(RevisitJobs.name);

  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly digests: RevisitDigestService,
    private readonly scheduleCheck: ScheduleCheckService,
    private readonly repository: RevisitsRepository,
    private readonly planner: RevisitPlanner,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly mailer: RevisitMailer,
    private readonly audit: AuditWriter,
  ) {}

  /** A batch of owners' digest timers: one set-based transaction for all of them, so not TimerJobs (one timer, one subject). */
  @OnJob('revisit.digest')
  digest(payload: JobPayload<'revisit.digest'>, context: JobContext) {
    return this.digests.fire(payload.timerIds, context.correlationId);
  }

  /** Many short transactions (owners in batches, then the daily tasks), so not TimerJobs' one transaction. */
  @OnJob('revisit.check-schedules')
  checkSchedules(payload: JobPayload<'revisit.check-schedules'>, context: JobContext) {
    return this.scheduleCheck.run(payload, context.correlationId);
  }

  /**
   * A visit still planned `overdueEscalationWorkingDays` working days after its due time is
   * escalated to the current owner's manager, once: `Visit.escalatedAt` records it under the
   * visit's lock and the email key is the visit's.
   */
  @OnJob('visit.escalate-overdue')
  escalateOverdue(payload: JobPayload<'visit.escalate-overdue'>, context: JobContext) {
    const { correlationId } = context;
    return this.timerJobs.run(payload, context, {
      lock: async (tx, timer) => {
        const found = await this.repository.findVisit(tx, timer.subjectId);
        const customer = found ? await this.repository.lockCustomer(tx, found.customerId) : null;
        const visit = found && customer ? await this.repository.lockVisit(tx, found.id) : null;
        return customer && visit ? { customer, visit } : null;
      },
      stillDue: ({ visit }) => visit.status === 'planned' && !visit.escalatedAt,
      act: async (tx, { customer, visit }, _timer, now) => {
        const owner = await this.directory.findById(customer.ownerId, tx);
        if (!owner) return 'skipped';
        const ownerContext = await this.directory.workingContext(owner, tx);
        const { policy } = await this.policies.active(tx);
        if (this.planner.escalationDue(visit.dueAt, ownerContext, policy).getTime() > now.getTime()) {
          // The visit was moved later (or the owner's calendar changed) since the timer was armed.
          await this.planner.armOverdue(tx, visit, ownerContext, policy, correlationId);
          return 'skipped';
        }
        const manager = await this.directory.managerOf(owner, tx);
        if (!manager) {
          this.logger.warn(`Visit ${visit.id} to customer ${customer.code} is overdue, but its owner ${owner.email} has no manager to escalate to.`);
          return 'skipped';
        }
        await this.repository.update(tx, visit.id, { escalatedAt: now });
        const line = visitLine({ ...visit, customer }, overdueWorkingDays(visit.dueAt, now, ownerContext));
        const managerZone = (await this.directory.workingContext(manager, tx)).zone;
        await this.mailer.overdueEscalation(tx, { employee: manager, timezone: managerZone }, owner, line, correlationId);
        await this.audit.record(tx, {
          entityType: 'customer', entityId: customer.id, action: 'visit.escalated', actorId: null,
          after: { visitId: visit.id, dueAt: visit.dueAt.toISOString(), overdueDays: line.overdueDays, to: manager.email }, correlationId, at: now,
        });
      },
    });
  }
}
