import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { ComplaintEscalationData } from '#libs/mail';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type FiredTimer, type JobContext, type TimerWork } from '#libs/workflow';
import { CustomerDirectory } from '../customers/customer-directory.js';
import type { ComplaintRow as Complaint, CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';
import { ComplaintMailer } from './complaints.mailer.js';
import { phaseMet, phaseOfTimerKey, type DeadlinePhase } from './complaints.rules.js';
import { complaintMailView } from './complaint-view.js';
import { ComplaintsRepository } from './complaints.repository.js';

interface DueDeadline {
  complaint: Complaint;
  phase: DeadlinePhase;
}

interface EscalationTarget {
  employee: Employee;
  role: ComplaintEscalationData['role'];
}

interface People {
  customer: Customer;
  assignee: Employee;
  dueAt: Date;
}

/**
 * What happens when complaint timers fire: a reminder to the assignee before each deadline, and
 * at a missed deadline an escalation above the assignee. Each locks the complaint and does
 * nothing once the deadline's phase is met.
 */
@Injectable()
export class ComplaintJobs {
  private readonly logger = new Logger(ComplaintJobs.name);

  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly repository: ComplaintsRepository,
    private readonly customers: CustomerDirectory,
    private readonly directory: OrgDirectory,
    private readonly mailer: ComplaintMailer,
    private readonly audit: AuditWriter,
  ) {}

  @OnJob('complaint.remind')
  remind(payload: JobPayload<'complaint.remind'>, context: JobContext) {
    return this.timerJobs.run(payload, context, this.deadline(async (tx, { complaint, phase }, { customer, assignee, dueAt }, now) => {
      await this.mailer.reminder(tx, assignee, complaintMailView(complaint, customer), phase, dueAt, context.correlationId);
      await this.audit.record(tx, {
        entityType: 'complaint', entityId: complaint.id, action: 'complaint.reminded', actorId: null,
        after: { phase, to: assignee.email, dueAt: dueAt.toISOString() }, correlationId: context.correlationId, at: now,
      });
    }));
  }

  @OnJob('complaint.escalate')
  escalate(payload: JobPayload<'complaint.escalate'>, context: JobContext) {
    return this.timerJobs.run(payload, context, this.deadline(async (tx, { complaint, phase }, { customer, assignee, dueAt }, now) => {
      const targets = await this.escalationTargets(tx, complaint, customer, assignee);
      const view = complaintMailView(complaint, customer);
      for (const target of targets) await this.mailer.escalation(tx, target, assignee, view, phase, dueAt, context.correlationId);
      await this.audit.record(tx, {
        entityType: 'complaint', entityId: complaint.id, action: 'complaint.escalated', actorId: null,
        after: { phase, dueAt: dueAt.toISOString(), assignee: assignee.email, to: targets.map((t) => ({ email: t.employee.email, as: t.role })) }, correlationId: context.correlationId, at: now,
      });
    }));
  }

  /**
   * The assignee's manager; for a critical complaint also the nearest SALES_DIRECTOR above the
   * customer's owner (or any SALES_DIRECTOR). Nobody found: ADMIN, so a missed deadline is never silent.
   */
  private async escalationTargets(tx: Tx, complaint: Complaint, customer: Customer, assignee: Employee): Promise<EscalationTarget[]> {
    const targets: EscalationTarget[] = [];
    const add = (employee: Employee | null, role: EscalationTarget['role']) => {
      if (employee && employee.id !== assignee.id && !targets.some((t) => t.employee.id === employee.id)) targets.push({ employee, role });
    };
    add(await this.directory.managerOf(assignee, tx), 'manager');
    if (complaint.severity === 'critical') {
      const owner = await this.directory.findById(customer.ownerId, tx);
      const nearest = owner ? await this.directory.nearestAbove(owner, 'SALES_DIRECTOR', tx) : null;
      add(nearest ?? (await this.directory.withRole('SALES_DIRECTOR', tx))[0] ?? null, 'director');
    }
    if (targets.length === 0) {
      this.logger.warn(`Complaint ${complaint.id} missed a deadline and ${assignee.email} has nobody above to escalate to; ADMIN is told.`);
      for (const admin of await this.directory.withRole('ADMIN', tx)) add(admin, 'admin');
    }
    return targets;
  }

  /** Both timers: the complaint locked, while the phase their key names is not met; then its customer and assignee. */
  private deadline(act: (tx: Tx, due: DueDeadline, people: People, now: Date) => Promise<void>): TimerWork<DueDeadline> {
    return {
      lock: async (tx, timer) => {
        const phase = phaseOfTimerKey(timer.uniqueKey);
        const complaint = phase ? await this.repository.lock(tx, timer.subjectId) : null;
        return phase && complaint ? { complaint, phase } : null;
      },
      stillDue: ({ complaint, phase }) => !phaseMet(complaint, phase),
      act: async (tx, due, timer, now) => {
        const people = await this.people(tx, due, timer);
        if (!people) return 'skipped';
        await act(tx, due, people, now);
      },
    };
  }

  private async people(tx: Tx, { complaint, phase }: DueDeadline, timer: FiredTimer): Promise<People | null> {
    const customer = await this.customers.findById(tx, complaint.customerId);
    const assignee = await this.directory.findById(complaint.assigneeId, tx);
    if (!customer || !assignee) {
      this.logger.warn(`Complaint ${complaint.id}: its customer or assignee no longer exists; the ${phase} timer ${timer.id} does nothing.`);
      return null;
    }
    return { customer, assignee, dueAt: phase === 'ack' ? complaint.ackDueAt : complaint.resolveDueAt };
  }
}
