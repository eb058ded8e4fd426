import { Injectable, Logger } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type {
  ComplaintAssignedData, ComplaintEscalationData, ComplaintMailView, ComplaintReminderData, EmailSnapshotByKind,
} from '#libs/mail';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import type { ComplaintRow as Complaint, CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';
import { complaintMailView } from './complaint-view.js';
import { mailPhase, reminderKey, type DeadlinePhase } from './complaints.rules.js';

export interface EscalationTarget {
  employee: Employee;
  role: ComplaintEscalationData['role'];
}

function person(employee: Employee) {
  return { name: employee.name, email: employee.email };
}

/**
 * Snapshots the complaint emails and asks the notifier for them, in the caller's transaction,
 * on the urgent queue. Each key names what makes the email distinct.
 */
@Injectable()
export class ComplaintMailer {
  private readonly logger = new Logger(ComplaintMailer.name);

  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
    private readonly directory: OrgDirectory,
  ) {}

  async assigned(tx: Tx, assignee: Employee, complaint: ComplaintMailView, reportedBy: Employee, correlationId: string | null): Promise<void> {
    const data: ComplaintAssignedData = { recipient: await this.recipient(tx, assignee), complaint, reportedBy: person(reportedBy) };
    await this.send(tx, `complaint-assigned:${complaint.id}`, assignee, 'complaint-assigned', data, correlationId);
  }

  async reminder(tx: Tx, assignee: Employee, complaint: ComplaintMailView, phase: DeadlinePhase, dueAt: Date, correlationId: string | null): Promise<void> {
    const data: ComplaintReminderData = { recipient: await this.recipient(tx, assignee), complaint, phase: mailPhase(phase), dueAt: dueAt.toISOString() };
    await this.send(tx, reminderKey(complaint.id, phase), assignee, 'complaint-reminder', data, correlationId);
  }

  /**
   * To whom a missed deadline is escalated (escalationTargets), one email per (complaint, phase,
   * recipient) however often the deadline job runs. Answers whom it told.
   */
  async escalation(
    tx: Tx,
    { complaint, customer }: { complaint: Complaint; customer: Customer },
    assignee: Employee,
    phase: DeadlinePhase,
    dueAt: Date,
    correlationId: string | null,
  ): Promise<EscalationTarget[]> {
    const targets = await this.escalationTargets(tx, complaint, customer, assignee);
    const view = complaintMailView(complaint, customer);
    for (const to of targets) {
      const data: ComplaintEscalationData = {
        recipient: await this.recipient(tx, to.employee), complaint: view, phase: mailPhase(phase), dueAt: dueAt.toISOString(), assignee: person(assignee), role: to.role,
      };
      await this.send(tx, `complaint-escalation:${complaint.id}:${phase}:${to.employee.id}`, to.employee, 'complaint-escalation', data, correlationId);
    }
    return targets;
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

  private async recipient(tx: Tx, employee: Employee) {
    return (await this.recipients.of(tx, employee)).view;
  }

  private async send<K extends 'complaint-assigned' | 'complaint-reminder' | 'complaint-escalation'>(
    tx: Tx,
    idempotencyKey: string,
    to: Employee,
    kind: K,
    data: EmailSnapshotByKind[K],
    correlationId: string | null,
  ): Promise<void> {
    await this.notifications.request(tx, {
      idempotencyKey, recipient: { id: to.id, email: to.email, locale: to.locale }, kind, data, correlationId,
    });
  }
}
