import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { SurveyLowScoreData, SurveyRequestData } from '#libs/mail';
import { NotificationRequester } from '#libs/notifications';
import type { CustomerRow as Customer, EmployeeRow as Employee, SurveyRow as Survey } from '../rows.js';
import type { Contact } from '../customers/customer-fields.js';
import type { SurveyReason } from './surveys.rules.js';

/** The ledger keeps the survey id, never the link: the notifier derives the link when it renders. */
type SurveyRequestSnapshot = Omit<SurveyRequestData, 'surveyUrl'> & { surveyTokenId: string };

/** One survey email: the survey, its contact and customer, and the zone its instants are shown in. */
export interface SurveyEmail {
  survey: Survey;
  contact: Contact;
  customer: Customer;
  timezone: string;
}

export type AnsweredSurvey = Survey & { score: number; answeredAt: Date };

function person(employee: Employee) {
  return { name: employee.name, email: employee.email };
}

/** Snapshots the survey emails and asks the notifier for them, in the caller's transaction. */
@Injectable()
export class SurveyMailer {
  constructor(private readonly notifications: NotificationRequester) {}

  /** To each contact, an outside address: no employee id, the contact's own locale. One statement. */
  async requestAll(tx: Tx, items: readonly SurveyEmail[], correlationId: string | null): Promise<void> {
    await this.notifications.requestAll(tx, items.map(({ survey, contact, customer, timezone }) => {
      const data: SurveyRequestSnapshot = {
        recipient: { name: contact.name, timezone },
        customer: { name: customer.name },
        reason: survey.reason as SurveyReason,
        expiresAt: survey.expiresAt.toISOString(),
        surveyTokenId: survey.id,
      };
      return {
        idempotencyKey: `survey-request:${survey.id}`,
        recipient: { id: null, email: survey.contactEmail, locale: contact.locale },
        kind: 'survey-request' as const,
        data,
        correlationId,
      };
    }));
  }

  /** Urgent (not bulk): the owner and their manager hear about a low score within a minute. */
  async lowScore(
    tx: Tx,
    to: { employee: Employee; timezone: string },
    content: { survey: AnsweredSurvey; customer: Customer; contactName: string; owner: Employee; atRiskVisitDueAt: Date | null },
    correlationId: string | null,
  ): Promise<void> {
    const { survey, customer } = content;
    const data: SurveyLowScoreData = {
      recipient: { name: to.employee.name, timezone: to.timezone },
      customer: { id: customer.id, code: customer.code, name: customer.name },
      contact: { name: content.contactName, email: survey.contactEmail },
      owner: person(content.owner),
      score: survey.score,
      comment: survey.comment,
      answeredAt: survey.answeredAt.toISOString(),
      atRiskVisitDueAt: content.atRiskVisitDueAt?.toISOString() ?? null,
    };
    await this.notifications.request(tx, {
      idempotencyKey: `survey-low-score:${survey.id}:${to.employee.id}`,
      recipient: { id: to.employee.id, email: to.employee.email, locale: to.employee.locale },
      kind: 'survey-low-score',
      data,
      correlationId,
    });
  }
}
