import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import type { CourseRow, EmployeeRow } from '../rows.js';
import { overdueEmailKey, type OverdueStep } from './overdue.rules.js';

/** The reminder and escalation emails of an open mandatory requirement, one per (requirement, step, recipient), ever. */
@Injectable()
export class OverdueMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  async step(tx: Tx, requirementId: string, step: OverdueStep, to: EmployeeRow, person: EmployeeRow, course: CourseRow, dueOn: string, correlationId: string | null): Promise<void> {
    const { address, view } = await this.recipients.of(tx, to);
    await this.notifications.request(tx, {
      idempotencyKey: overdueEmailKey(requirementId, step, to.id),
      recipient: address,
      kind: 'training-overdue',
      data: {
        recipient: view,
        step,
        person: { name: person.name, email: person.email },
        courseCode: course.code,
        courseTitle: to.locale === 'en' ? course.titleEn : course.titleZh,
        dueOn,
      },
      correlationId,
    });
  }
}
