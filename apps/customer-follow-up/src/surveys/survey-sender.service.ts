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
import { capWindowStart, contactKey, decideSurveys, linkExpiry, primaryContact, type SurveyReason } from './surveys.rules.js';
import { SurveysRepository } from './surveys.repository.js';

export type SurveyOutcome =
  | { sent: true; surveyId: string }
  | { sent: false; because: 'no-contact-email' | 'frequency-cap' | 'already-sent' };

const DEFAULT_ZONE = 'Asia/Shanghai';

/** One survey asked for: the customer (its row, as read under its lock) and what it answers to. */
export interface SurveyRequest {
  customer: Customer;
  sourceId: string;
}

type Skip = { because: 'no-contact-email' | 'frequency-cap' } & Record<string, unknown>;

/**
 * Sends satisfaction surveys to customers' primary contacts, in the caller's transaction: a Survey
 * row each (its link single-use, expiring, stored only as a hash) and the email. At most one
 * survey per contact per `surveyCapDays`: one that would break the cap is not created, and the
 * audit trail and the log say so. One survey or a risk scan's slice of them costs the same fixed
 * number of statements.
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

  async send(tx: Tx, request: SurveyRequest & { reason: SurveyReason; correlationId: string | null }): Promise<SurveyOutcome> {
    const outcomes = await this.sendAll(tx, request.reason, [request], request.correlationId);
    return outcomes.get(request.sourceId)!;
  }

  /**
   * One survey per request, by source id. A source that has its survey already gets none; two
   * requests for one contact are one survey, the other capped by it, as if they came one after
   * the other.
   */
  async sendAll(tx: Tx, reason: SurveyReason, requests: readonly SurveyRequest[], correlationId: string | null): Promise<Map<string, SurveyOutcome>> {
    const now = this.clock.now();
    const outcomes = new Map<string, SurveyOutcome>();
    const skips: { customer: Customer; details: Skip & { reason: SurveyReason; sourceId: string } }[] = [];
    const skip = (request: SurveyRequest, details: Skip) => {
      outcomes.set(request.sourceId, { sent: false, because: details.because });
      skips.push({ customer: request.customer, details: { reason, sourceId: request.sourceId, ...details } });
    };
    const unreachable: SurveyRequest[] = [];
    const reachable = requests.flatMap((request) => {
      const contact = primaryContact(request.customer.contacts);
      if (contact) return [{ ...request, contact, contactEmail: contactKey(contact.email) }];
      unreachable.push(request);
      skip(request, { because: 'no-contact-email' });
      return [];
    });
    this.warnUnreachable(reason, unreachable);
    const contactEmails = reachable.map((r) => r.contactEmail);
    await this.repository.lockContacts(tx, contactEmails);
    const surveyed = await this.repository.surveyedSources(tx, reachable.map((r) => r.sourceId), reason);
    const { policy } = await this.policies.active(tx);
    const since = capWindowStart(now, policy.surveyCapDays);
    const last = await this.repository.lastToEach(tx, contactEmails, since);
    const creating: (typeof reachable[number] & { id: string })[] = [];
    for (const { candidate: request, decision } of decideSurveys(reachable, surveyed, last, since, now, randomUUID)) {
      if (decision.kind === 'already-sent') {
        outcomes.set(request.sourceId, { sent: false, because: 'already-sent' });
      } else if (decision.kind === 'capped') {
        const { lastSurveyId, lastSurveyAt } = decision;
        if (requests.length === 1) {
          this.logger.log(
            // The contact's address stays out of the log (the audit entry has it).
            `No satisfaction survey to the primary contact of customer ${request.customer.code} (${reason} ${request.sourceId}): survey ${lastSurveyId} went to them on ${lastSurveyAt.toISOString()}, within the ${policy.surveyCapDays}-day cap.`,
          );
        }
        skip(request, { contactEmail: request.contactEmail, because: 'frequency-cap', lastSurveyId, lastSurveyAt: lastSurveyAt.toISOString(), capDays: policy.surveyCapDays });
      } else {
        outcomes.set(request.sourceId, { sent: true, surveyId: decision.surveyId });
        creating.push({ ...request, id: decision.surveyId });
      }
    }
    const surveys = await this.repository.createAll(tx, creating.map(({ id, customer, contactEmail, sourceId }) => ({
      id, customerId: customer.id, contactEmail, reason, sourceId,
      tokenHash: hashSurveyToken(surveyTokenFor(this.config.LINK_SECRET, id)),
      expiresAt: linkExpiry(now, policy.surveyLinkTtlDays), createdAt: now,
    })));
    const zones = await ownerZones(this.directory, creating.map((c) => c.customer.ownerId), tx);
    const byId = new Map(creating.map((c) => [c.id, c]));
    await this.mailer.requestAll(tx, surveys.map((survey) => {
      const { contact, customer } = byId.get(survey.id)!;
      return { survey, contact, customer, timezone: zones.get(customer.ownerId) ?? DEFAULT_ZONE };
    }), correlationId);
    await this.audit.recordAll(tx, [
      ...skips.map(({ customer, details }) => ({ entityType: 'customer', entityId: customer.id, action: 'survey.skipped', actorId: null, after: details, correlationId, at: now })),
      ...surveys.map((survey) => ({
        entityType: 'customer', entityId: survey.customerId, action: 'survey.sent', actorId: null,
        after: { surveyId: survey.id, reason, sourceId: survey.sourceId, contactEmail: survey.contactEmail, expiresAt: survey.expiresAt.toISOString() }, correlationId, at: now,
      })),
    ]);
    const capped = skips.filter((s) => s.details.because === 'frequency-cap').length;
    if (requests.length > 1 && capped > 0) this.logger.log(`${capped} of ${requests.length} satisfaction surveys (${reason}) held back by the ${policy.surveyCapDays}-day cap; the audit trail (survey.skipped) names each.`);
    return outcomes;
  }

  /** One line for one customer; for a batch (a scan's slice) one line, not one per customer: the audit trail names each. */
  private warnUnreachable(reason: SurveyReason, unreachable: SurveyRequest[]): void {
    const [first] = unreachable;
    if (!first) return;
    if (unreachable.length === 1) {
      this.logger.warn(`No satisfaction survey for customer ${first.customer.code} (${reason} ${first.sourceId}): it has no contact with an email address.`);
      return;
    }
    const examples = unreachable.slice(0, 5).map((r) => r.customer.code).join(', ');
    this.logger.warn(`No satisfaction survey for ${unreachable.length} customers (${reason}, e.g. ${examples}): they have no contact with an email address; the audit trail (survey.skipped) names each.`);
  }
}

/** The zone of the customer's owner: the survey email and the survey page show instants in it. */
export async function ownerZone(directory: OrgDirectory, ownerId: string | undefined, tx?: Tx): Promise<string> {
  if (!ownerId) return DEFAULT_ZONE;
  return (await ownerZones(directory, [ownerId], tx)).get(ownerId) ?? DEFAULT_ZONE;
}

/** ownerZone for many owners at once; an owner not in the directory is left out. */
async function ownerZones(directory: OrgDirectory, ownerIds: string[], tx?: Tx): Promise<Map<string, string>> {
  if (ownerIds.length === 0) return new Map();
  const owners = await directory.findManyById([...new Set(ownerIds)], tx);
  const contexts = await directory.workingContexts(owners, tx);
  return new Map(owners.map((o) => [o.id, contexts.get(o.id)!.zone]));
}
