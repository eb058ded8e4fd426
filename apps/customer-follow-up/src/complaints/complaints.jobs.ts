import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import type { ComplaintEscalationData } from '#libs/mail';
import { OrgDirectory } from '#libs/org';
import { JOBS, type TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { FollowUpJobRouter } from '../jobs/follow-up-job.router.js';
import { TimerNotDueError } from '../revisits/timer-not-due.error.js';
import { phaseMet, phaseOfTimerKey, type DeadlinePhase } from './complaints.rules.js';
import { ComplaintMailer } from './complaints.mailer.js';
import { complaintMailView } from './complaint-view.js';
import { ComplaintsRepository } from './complaints.repository.js';
import type { ComplaintRow as Complaint, CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';

type Outcome = 'done' | 'skipped';

interface DueDeadline {
  complaint: Complaint;
  customer: Customer;
  assignee: Employee;
  phase: DeadlinePhase;
  dueAt: Date;
  now: Date;
}

interface EscalationTarget {
  employee: Employee;
  role: ComplaintEscalationData['role'];
}

/**
 * What happens when complaint timers fire: a reminder to the assignee before each deadline, and
 * at a missed deadline an escalation to the assignee's manager (and, for a critical complaint,
 * the sales director above the customer's owner). Each handler locks the complaint and does
 * nothing once the deadline's phase is met.
 */
@Injectable()
export class ComplaintDeadlineHandlers implements OnModuleInit {
  private readonly logger = new Logger(ComplaintDeadlineHandlers.name);

  constructor(
    private readonly database: Database,
    private readonly router: FollowUpJobRouter,
    private readonly repository: ComplaintsRepository,
    private readonly customers: CustomerDirectory,
    private readonly directory: OrgDirectory,
    private readonly mailer: ComplaintMailer,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.router.register(JOBS.complaintRemind, (payload, correlationId) => this.remind({ timerId: payload.timerId, subjectId: payload.subjectId }, correlationId));
    this.router.register(JOBS.complaintEscalate, (payload, correlationId) => this.escalate({ timerId: payload.timerId, subjectId: payload.subjectId }, correlationId));
  }

  async remind(payload: TimerFiredPayload, correlationId: string | null): Promise<Outcome> {
    return this.inTransaction(async (tx) => {
      const due = await this.dueDeadline(tx, payload);
      if (!due) return 'skipped';
      const { complaint, customer, assignee, phase, dueAt, now } = due;
      await this.mailer.reminder(tx, assignee, complaintMailView(complaint, customer), phase, dueAt, correlationId);
      await this.audit.record(tx, {
        entityType: 'complaint', entityId: complaint.id, action: 'complaint.reminded', actorId: null,
        after: { phase, to: assignee.email, dueAt: dueAt.toISOString() }, correlationId, at: now,
      });
      return 'done';
    });
  }

  async escalate(payload: TimerFiredPayload, correlationId: string | null): Promise<Outcome> {
    return this.inTransaction(async (tx) => {
      const due = await this.dueDeadline(tx, payload);
      if (!due) return 'skipped';
      const { complaint, customer, assignee, phase, dueAt, now } = due;
      const targets = await this.escalationTargets(tx, complaint, customer, assignee);
      const view = complaintMailView(complaint, customer);
      for (const target of targets) await this.mailer.escalation(tx, target, assignee, view, phase, dueAt, correlationId);
      await this.audit.record(tx, {
        entityType: 'complaint', entityId: complaint.id, action: 'complaint.escalated', actorId: null,
        after: { phase, dueAt: dueAt.toISOString(), assignee: assignee.email, to: targets.map((t) => ({ email: t.employee.email, as: t.role })) }, correlationId, at: now,
      });
      return 'done';
    });
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

  /** The locked complaint whose timer is due and whose phase is not met yet; null when there is nothing to do. */
  private async dueDeadline(tx: Tx, payload: TimerFiredPayload): Promise<DueDeadline | null> {
    const timer = await tx.selectFrom('Timer').select(['id', 'uniqueKey', 'dueAt']).where('id', '=', payload.timerId).executeTakeFirst();
    const phase = timer ? phaseOfTimerKey(timer.uniqueKey) : null;
    if (!timer || !phase) return null;
    const complaint = await this.repository.lock(tx, payload.subjectId);
    if (!complaint || phaseMet(complaint, phase)) return null;
    const now = this.clock.now();
    if (timer.dueAt.getTime() > now.getTime()) throw new TimerNotDueError(timer.id, timer.dueAt);
    const customer = await this.customers.findById(tx, complaint.customerId);
    const assignee = await this.directory.findById(complaint.assigneeId, tx);
    if (!customer || !assignee) {
      this.logger.warn(`Complaint ${complaint.id}: its customer or assignee no longer exists; the ${phase} timer ${timer.id} does nothing.`);
      return null;
    }
    return { complaint, customer, assignee, phase, dueAt: phase === 'ack' ? complaint.ackDueAt : complaint.resolveDueAt, now };
  }

  private async inTransaction(work: (tx: Tx) => Promise<Outcome>): Promise<Outcome> {
    const outcome = await this.database.transaction(work);
    if (outcome === 'done') this.signal.notify();
    return outcome;
  }
}
