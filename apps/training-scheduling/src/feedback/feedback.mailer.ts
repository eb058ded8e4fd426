import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import type { TrainingFeedbackItemView } from '#libs/mail';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import type { CourseRow } from '../rows.js';
import { feedbackEmailKey } from './feedback.rules.js';

export interface FeedbackItem extends Omit<TrainingFeedbackItemView, 'courseCode' | 'courseTitle' | 'sessionStartsAt'> {
  course: CourseRow | null;
  sessionStartsAt: Date | null;
}

/** Tells the manager what each weak KPI led to: one bulk email per signed-off appraisal. */
@Injectable()
export class FeedbackMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  async tellManager(tx: Tx, manager: Employee, person: Employee, appraisal: { appraisalId: string; period: string }, items: FeedbackItem[], correlationId: string | null): Promise<void> {
    const { address, view } = await this.recipients.of(tx, manager);
    await this.notifications.request(tx, {
      idempotencyKey: feedbackEmailKey(appraisal.appraisalId, manager.id),
      recipient: address,
      kind: 'training-feedback',
      data: {
        recipient: view,
        person: { name: person.name, email: person.email },
        period: appraisal.period,
        appraisalId: appraisal.appraisalId,
        items: items.map(({ course, sessionStartsAt, ...item }) => ({
          ...item,
          courseCode: course?.code ?? null,
          courseTitle: course ? (manager.locale === 'en' ? course.titleEn : course.titleZh) : null,
          sessionStartsAt: sessionStartsAt?.toISOString() ?? null,
        })),
      },
      correlationId,
      bulk: true,
    });
  }
}
