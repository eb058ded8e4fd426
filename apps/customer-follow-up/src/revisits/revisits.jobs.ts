import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, type TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { FollowUpJobRouter } from '../jobs/follow-up-job.router.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { overdueWorkingDays } from './local-days.js';
import { RevisitMailer, visitLine } from './revisits.mailer.js';
import { RevisitPlanner } from './revisit-planner.service.js';
import { TimerNotDueError } from './timer-not-due.error.js';
import { VisitsRepository } from './visits.repository.js';

/**
 * A visit still planned `overdueEscalationWorkingDays` working days after its due time is
 * escalated to the current owner's manager, once: `Visit.escalatedAt` records it under the
 * visit's lock and the email key is the visit's.
 */
@Injectable()
export class OverdueEscalationService implements OnModuleInit {
  private readonly logger = new Logger(OverdueEscalationService.name);

  constructor(
    private readonly database: Database,
    private readonly router: FollowUpJobRouter,
    private readonly repository: VisitsRepository,
    private readonly planner: RevisitPlanner,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly mailer: RevisitMailer,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.router.register(JOBS.visitEscalateOverdue, (payload, correlationId) => this.fire({ timerId: payload.timerId, subjectId: payload.subjectId }, correlationId));
  }

  async fire(payload: TimerFiredPayload, correlationId: string | null): Promise<'done' | 'skipped'> {
    return this.database.transaction(async (tx) => {
      const timer = await tx.selectFrom('Timer').select(['id', 'dueAt']).where('id', '=', payload.timerId).executeTakeFirst();
      const found = await this.repository.findVisit(tx, payload.subjectId);
      if (!timer || !found) return 'skipped';
      const customer = await this.repository.lockCustomer(tx, found.customerId);
      const visit = await this.repository.lockVisit(tx, found.id);
      if (!customer || !visit || visit.status !== 'planned' || visit.escalatedAt) return 'skipped';
      const now = this.clock.now();
      if (timer.dueAt.getTime() > now.getTime()) throw new TimerNotDueError(timer.id, timer.dueAt);
      const owner = await this.directory.findById(customer.ownerId, tx);
      if (!owner) return 'skipped';
      const context = await this.directory.workingContext(owner, tx);
      const { policy } = await this.policies.active(tx);
      if (this.planner.escalationDue(visit.dueAt, context, policy).getTime() > now.getTime()) {
        // The visit was moved later (or the owner's calendar changed) since the timer was armed.
        await this.planner.armOverdue(tx, visit, context, policy, correlationId);
        return 'skipped';
      }
      const manager = await this.directory.managerOf(owner, tx);
      if (!manager) {
        this.logger.warn(`Visit ${visit.id} to customer ${customer.code} is overdue, but its owner ${owner.email} has no manager to escalate to.`);
        return 'skipped';
      }
      await this.repository.update(tx, visit.id, { escalatedAt: now });
      const line = visitLine({ ...visit, customer }, overdueWorkingDays(visit.dueAt, now, context));
      const managerZone = (await this.directory.workingContext(manager, tx)).zone;
      await this.mailer.overdueEscalation(tx, { employee: manager, timezone: managerZone }, owner, line, correlationId);
      await this.audit.record(tx, {
        entityType: 'customer', entityId: customer.id, action: 'visit.escalated', actorId: null,
        after: { visitId: visit.id, dueAt: visit.dueAt.toISOString(), overdueDays: line.overdueDays, to: manager.email }, correlationId, at: now,
      });
      return 'done';
    });
  }
}
