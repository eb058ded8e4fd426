import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { Tx } from '#libs/database';
import { hashSurveyToken, surveyTokenFor } from '#libs/notifications';
import { OrgDirectory } from '#libs/org';
import { Clock } from '#libs/time';
import type { CustomerRow as Customer } from '../rows.js';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { SurveyMailer } from './surveys.mailer.js';
import { capWindowStart, contactKey, linkExpiry, primaryContact, type SurveyReason } from './surveys.rules.js';
import { SurveysRepository } from './surveys.repository.js';

export type SurveyOutcome =
  | { sent: true; surveyId: string }
  | { sent: false; because: 'no-contact-email' | 'frequency-cap' | 'already-sent' };

const DEFAULT_ZONE = 'Asia/Shanghai';

/**
 * Sends a satisfaction survey to the customer's primary contact, in the caller's transaction:
 * a Survey row (its link single-use, expiring, stored only as a hash) and the email. At most one
 * survey per contact per `surveyCapDays`: one that would break the cap is not created, and the
 * audit trail and the log say so.
 */
@Injectable()
export class SurveySender {
  private readonly logger = new Logger(SurveySender.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SurveysRepository,
    private readonly mailer: SurveyMailer,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async send(tx: Tx, request: { customer: Customer; reason: SurveyReason; sourceId: string; correlationId: string | null }): Promise<SurveyOutcome> {
    const { customer, reason, sourceId, correlationId } = request;
    const now = this.clock.now();
    const contact = primaryContact(customer.contacts);
    if (!contact) {
      this.logger.warn(`No satisfaction survey for customer ${customer.code} (${reason} ${sourceId}): it has no contact with an email address.`);
      return this.skipped(tx, customer, { reason, sourceId, because: 'no-contact-email' }, correlationId, now);
    }
    const contactEmail = contactKey(contact.email);
    await this.repository.lockContact(tx, contactEmail);
    if (await this.repository.forSource(tx, sourceId, reason)) return { sent: false, because: 'already-sent' };
    const { policy } = await this.policies.active(tx);
    const last = await this.repository.lastTo(tx, contactEmail, capWindowStart(now, policy.surveyCapDays));
    if (last) {
      this.logger.log(
        `No satisfaction survey to ${contactEmail} of customer ${customer.code} (${reason} ${sourceId}): survey ${last.id} went to them on ${last.createdAt.toISOString()}, within the ${policy.surveyCapDays}-day cap.`,
      );
      return this.skipped(tx, customer, { reason, sourceId, contactEmail, because: 'frequency-cap', lastSurveyId: last.id, lastSurveyAt: last.createdAt.toISOString(), capDays: policy.surveyCapDays }, correlationId, now);
    }
    const id = randomUUID();
    const survey = await this.repository.create(tx, {
      id, customerId: customer.id, contactEmail, reason, sourceId,
      tokenHash: hashSurveyToken(surveyTokenFor(this.config.LINK_SECRET, id)),
      expiresAt: linkExpiry(now, policy.surveyLinkTtlDays), createdAt: now,
    });
    await this.mailer.request(tx, survey, contact, customer, await this.ownerZone(tx, customer), correlationId);
    await this.audit.record(tx, {
      entityType: 'customer', entityId: customer.id, action: 'survey.sent', actorId: null,
      after: { surveyId: survey.id, reason, sourceId, contactEmail, expiresAt: survey.expiresAt.toISOString() }, correlationId, at: now,
    });
    return { sent: true, surveyId: survey.id };
  }

  private async skipped(
    tx: Tx,
    customer: Customer,
    details: { reason: SurveyReason; sourceId: string; because: 'no-contact-email' | 'frequency-cap' } & Record<string, unknown>,
    correlationId: string | null,
    now: Date,
  ): Promise<SurveyOutcome> {
    await this.audit.record(tx, { entityType: 'customer', entityId: customer.id, action: 'survey.skipped', actorId: null, after: details, correlationId, at: now });
    return { sent: false, because: details.because };
  }

  /** A contact has no time zone of their own: the email shows times in the zone of the customer's owner. */
  private ownerZone(tx: Tx, customer: Customer): Promise<string> {
    return ownerZone(this.directory, customer.ownerId, tx);
  }
}

/** The zone of the customer's owner: the survey email and the survey page show instants in it. */
export async function ownerZone(directory: OrgDirectory, ownerId: string | undefined, tx?: Tx): Promise<string> {
  const owner = ownerId ? await directory.findById(ownerId, tx) : null;
  return owner ? (await directory.workingContext(owner, tx)).zone : DEFAULT_ZONE;
}
