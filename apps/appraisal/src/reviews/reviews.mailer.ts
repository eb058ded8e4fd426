import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import type { AppraisalDeadlineData, AppraisalResultData } from '#libs/mail';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import type { DeadlineAction } from './review-deadlines.rules.js';
import type { ReviewStep } from './reviews.rules.js';

const person = (employee: Employee) => ({ name: employee.name, email: employee.email });

/** The review emails: one per (subject, step, action, recipient), however often a job runs. */
@Injectable()
export class ReviewsMailer {
  constructor(
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
  ) {}

  /** The peer's link is held as the review's id; the notifier derives the token when it renders. */
  async peerRequest(tx: Tx, peer: Employee, peerReviewId: string, appraised: Employee, period: string, dueAt: Date, correlationId: string | null): Promise<void> {
    const { view, address } = await this.recipients.of(tx, peer);
    await this.notifications.request(tx, {
      idempotencyKey: `appraisal-peer-request:${peerReviewId}`, recipient: address, kind: 'appraisal-peer-request', correlationId,
      data: { recipient: view, person: person(appraised), period, dueAt: dueAt.toISOString(), peerReviewTokenId: peerReviewId },
    });
  }

  async deadline(
    tx: Tx, to: Employee[], action: DeadlineAction, step: ReviewStep, subjectId: string,
    facts: { appraisalId: string; appraised: Employee; owner: Employee | null; period: string; dueAt: Date }, correlationId: string | null,
  ): Promise<void> {
    const recipients = await this.recipients.all(tx, to);
    await this.notifications.requestAll(tx, to.map((employee) => {
      const { view, address } = recipients.get(employee.id)!;
      const data: AppraisalDeadlineData = {
        recipient: view, action, step, person: person(facts.appraised), owner: facts.owner ? person(facts.owner) : null,
        period: facts.period, dueAt: facts.dueAt.toISOString(), appraisalId: facts.appraisalId,
      };
      return { idempotencyKey: `appraisal-deadline:${subjectId}:${step}:${action}:${employee.id}`, recipient: address, kind: 'appraisal-deadline' as const, data, correlationId };
    }));
  }

  async result(tx: Tx, employee: Employee, data: Omit<AppraisalResultData, 'recipient'>, correlationId: string | null): Promise<void> {
    const { view, address } = await this.recipients.of(tx, employee);
    await this.notifications.request(tx, {
      idempotencyKey: `appraisal-result:${data.appraisalId}`, recipient: address, kind: 'appraisal-result', correlationId, data: { ...data, recipient: view },
    });
  }
}
