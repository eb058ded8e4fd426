import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type {
  ComplaintAssignedData, ComplaintEscalationData, ComplaintMailView, ComplaintReminderData, EmailSnapshotByKind,
} from '#libs/mail';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import type { EmployeeRow as Employee } from '../rows.js';
import { mailPhase, reminderKey, type DeadlinePhase } from './complaints.rules.js';

function person(employee: Employee) {
  return { name: employee.name, email: employee.email };
}

/**
 * Snapshots the complaint emails and asks the notifier for them, in the caller's transaction,
 * on the urgent queue. Each key names what makes the email distinct.
 */
@Injectable()
export class ComplaintMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  async assigned(tx: Tx, assignee: Employee, complaint: ComplaintMailView, reportedBy: Employee, correlationId: string | null): Promise<void> {
    const data: ComplaintAssignedData = { recipient: await this.recipient(tx, assignee), complaint, reportedBy: person(reportedBy) };
    await this.send(tx, `complaint-assigned:${complaint.id}`, assignee, 'complaint-assigned', data, correlationId);
  }

  async reminder(tx: Tx, assignee: Employee, complaint: ComplaintMailView, phase: DeadlinePhase, dueAt: Date, correlationId: string | null): Promise<void> {
    const data: ComplaintReminderData = { recipient: await this.recipient(tx, assignee), complaint, phase: mailPhase(phase), dueAt: dueAt.toISOString() };
    await this.send(tx, reminderKey(complaint.id, phase), assignee, 'complaint-reminder', data, correlationId);
  }

  /** One email per (complaint, phase, recipient), however often the deadline job runs. */
  async escalation(
    tx: Tx,
    to: { employee: Employee; role: ComplaintEscalationData['role'] },
    assignee: Employee,
    complaint: ComplaintMailView,
    phase: DeadlinePhase,
    dueAt: Date,
    correlationId: string | null,
  ): Promise<void> {
    const data: ComplaintEscalationData = {
      recipient: await this.recipient(tx, to.employee), complaint, phase: mailPhase(phase), dueAt: dueAt.toISOString(), assignee: person(assignee), role: to.role,
    };
    await this.send(tx, `complaint-escalation:${complaint.id}:${phase}:${to.employee.id}`, to.employee, 'complaint-escalation', data, correlationId);
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
