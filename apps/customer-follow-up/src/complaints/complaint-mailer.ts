import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import type {
  ComplaintAssignedData, ComplaintEscalationData, ComplaintMailView, ComplaintReminderData,
} from '#libs/mail';
import { NotificationRequester } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import type { DeadlinePhase } from './complaint-deadlines.js';
import { mailPhase, reminderKey } from './complaint-timers.js';

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

  /** Instants are shown in the zone the recipient works in (a calendar's own zone wins). */
  private async recipient(tx: Tx, employee: Employee) {
    return { name: employee.name, timezone: (await this.directory.workingContext(employee, tx)).zone };
  }

  private async send(tx: Tx, idempotencyKey: string, to: Employee, kind: string, data: object, correlationId: string | null): Promise<void> {
    await this.notifications.request(tx, {
      idempotencyKey, recipient: { id: to.id, email: to.email, locale: to.locale }, kind, data, correlationId,
    });
  }
}
