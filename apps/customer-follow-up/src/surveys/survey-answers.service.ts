import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { hashSurveyToken } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, GoneError, NotFoundError } from '#libs/rpc';
import { Clock, addWorkingDays } from '#libs/time';
import type { CustomerRow as Customer, SurveyRow as Survey } from '../rows.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { contactsOf } from '../customers/customer-fields.js';
import type { FollowUpPolicy } from '../policy/follow-up-policy.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { RevisitPlanner } from '../revisits/revisit-planner.service.js';
import { ownerZone } from './survey-sender.service.js';
import { SurveyMailer, type AnsweredSurvey } from './surveys.mailer.js';
import { isLowScore } from './surveys.rules.js';
import { SurveysRepository } from './surveys.repository.js';

export const AT_RISK_VISIT_KIND = 'at_risk';

export interface SurveyAnswerInput {
  score: number;
  comment?: string;
}

/** What the public survey page shows: nothing internal, only what the contact already knows. */
export interface SurveyPageView {
  customerName: string;
  contactName: string;
  locale: string;
  expiresAt: string;
  /** The zone the survey email showed its instants in (the owner's). */
  timezone: string;
}

export interface SurveyAnswerView {
  score: number;
  comment: string | null;
  answeredAt: string;
}

/**
 * The public side of a survey link: showing the form changes nothing; answering is single-use
 * (the row lock and `answeredAt` make a double submit one answer) and refused once expired. A low
 * score alerts the owner and their manager and plans an at-risk visit, in the answer's transaction.
 */
@Injectable()
export class SurveyAnswers {
  private readonly logger = new Logger(SurveyAnswers.name);

  constructor(
    private readonly database: Database,
    private readonly repository: SurveysRepository,
    private readonly customers: CustomerDirectory,
    private readonly planner: RevisitPlanner,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly mailer: SurveyMailer,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<SurveyPageView> {
    const survey = this.usable(await this.repository.findByTokenHash(this.database.db, hashSurveyToken(token)), this.clock.now());
    const customer = await this.customers.findById(this.database.db, survey.customerId);
    const contact = contactsOf(customer?.contacts).find((c) => c.email?.toLowerCase() === survey.contactEmail);
    const timezone = await ownerZone(this.directory, customer?.ownerId);
    return { customerName: customer?.name ?? '', contactName: contact?.name ?? '', locale: contact?.locale ?? 'zh-CN', expiresAt: survey.expiresAt.toISOString(), timezone };
  }

  async answer(token: string, input: SurveyAnswerInput, correlationId: string): Promise<SurveyAnswerView> {
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
      throw new BadRequestError('The answer is invalid; nothing was recorded.', [{ field: 'score', message: 'score must be a whole number from 1 to 5' }]);
    }
    const result = await this.database.transaction(async (tx) => {
      const found = await this.repository.findByTokenHash(tx, hashSurveyToken(token));
      if (!found) throw invalidLink();
      const now = this.clock.now();
      const survey = this.usable(await this.repository.lock(tx, found.id), now);
      const comment = input.comment?.trim() ? input.comment.trim() : null;
      const answered = (await this.repository.answer(tx, survey.id, { score: input.score, comment, answeredAt: now })) as AnsweredSurvey;
      await this.audit.record(tx, {
        entityType: 'customer', entityId: survey.customerId, action: 'survey.answered', actorId: null,
        after: { surveyId: survey.id, contactEmail: survey.contactEmail, score: input.score, comment }, correlationId, at: now,
      });
      const { policy } = await this.policies.active(tx);
      if (isLowScore(answered.score, policy.lowScoreThreshold)) await this.lowScore(tx, answered, policy, correlationId);
      return answered;
    });
    this.signal.notify();
    return { score: result.score, comment: result.comment, answeredAt: result.answeredAt.toISOString() };
  }

  /** The owner and their manager are alerted, and the owner gets an at-risk visit within the policy's working days. */
  private async lowScore(tx: Tx, survey: AnsweredSurvey, policy: FollowUpPolicy, correlationId: string | null): Promise<void> {
    const customer = await this.customers.lockById(tx, survey.customerId);
    const owner = customer ? await this.directory.findById(customer.ownerId, tx) : null;
    if (!customer || !owner) {
      this.logger.warn(`Survey ${survey.id} scored ${survey.score}, but its customer ${survey.customerId} or the customer's owner no longer exists; nobody was alerted.`);
      return;
    }
    const ownerContext = await this.directory.workingContext(owner, tx);
    const dueAt = addWorkingDays(survey.answeredAt, policy.atRiskVisitWorkingDays, ownerContext.calendar, ownerContext.zone);
    const visit = await this.planner.planVisit(tx, customer, AT_RISK_VISIT_KIND, dueAt, correlationId, survey.id);
    const manager = await this.directory.managerOf(owner, tx);
    const recipients = manager ? [owner, manager] : [owner];
    const contactName = contactNameOf(customer, survey);
    for (const employee of recipients) {
      const timezone = employee === owner ? ownerContext.zone : (await this.directory.workingContext(employee, tx)).zone;
      await this.mailer.lowScore(tx, { employee, timezone }, { survey, customer, contactName, owner, atRiskVisitDueAt: visit?.dueAt ?? null }, correlationId);
    }
    await this.audit.record(tx, {
      entityType: 'customer', entityId: customer.id, action: 'survey.low-score', actorId: null,
      after: { surveyId: survey.id, score: survey.score, threshold: policy.lowScoreThreshold, alerted: recipients.map((e) => e.email), atRiskVisitId: visit?.id ?? null },
      correlationId, at: survey.answeredAt,
    });
  }

  /** 404 for a link never issued; 410 for one used or expired. */
  private usable(survey: Survey | null, now: Date): Survey {
    if (!survey) throw invalidLink();
    if (survey.answeredAt) throw new GoneError('This survey has already been answered. Thank you.');
    if (survey.expiresAt.getTime() <= now.getTime()) throw new GoneError('This survey link has expired.');
    return survey;
  }
}

function invalidLink(): NotFoundError {
  return new NotFoundError('This survey link is not valid.');
}

function contactNameOf(customer: Customer, survey: Survey): string {
  return contactsOf(customer.contacts).find((c) => c.email?.toLowerCase() === survey.contactEmail)?.name ?? survey.contactEmail;
}
