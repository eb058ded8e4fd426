import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import type { CourseRow, EmployeeRow, EnrollmentRow } from '../rows.js';
import { mailView, type SessionParties } from '../sessions/sessions.mailer.js';
import { failureKey } from './attendance.rules.js';

/** The manager hears of a final failure: the last attempt failed, or an unexcused absence from a mandatory course. */
@Injectable()
export class AttendanceMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  async failed(tx: Tx, manager: EmployeeRow, person: EmployeeRow, parties: SessionParties, enrollment: EnrollmentRow, course: CourseRow, reason: 'failed' | 'absent', correlationId: string | null): Promise<boolean> {
    const { address, view } = await this.recipients.of(tx, manager);
    return this.notifications.request(tx, {
      idempotencyKey: failureKey(enrollment.id, manager.id),
      recipient: address,
      kind: 'training-failed',
      data: {
        recipient: view, person: { name: person.name, email: person.email }, session: mailView(parties, manager.locale), reason,
        score: enrollment.score, passMark: course.passMark, attempt: enrollment.attempt, attemptsAllowed: course.attemptsAllowed ?? 1,
      },
      correlationId,
    });
  }
}
