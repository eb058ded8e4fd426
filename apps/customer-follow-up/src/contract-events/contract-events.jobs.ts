import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES, type JobPayload } from '#libs/queue';
import { Clock, addWorkingDays } from '#libs/time';
import { OnJob, TimerWriter, type JobContext } from '#libs/workflow';
import { FollowUpPolicyStore } from '../policy/follow-up-policy.store.js';
import { addCalendarDays } from '../revisits/local-days.js';
import { RevisitPlanner, VISIT_KINDS } from '../revisits/revisit-planner.service.js';
import { RevisitsRepository } from '../revisits/revisits.repository.js';
import { CONTRACT_APPLIED_ACTION, ContractEventsRepository } from './contract-events.repository.js';
import { tierForAmount } from './contract-events.rules.js';

const TIER_WINDOW_MONTHS = 12;

export function surveyDueKey(contractId: string): string {
  return `survey-due:${contractId}`;
}

/**
 * Consumes `contract.approved`: the customer gets a post-signing visit, a satisfaction survey
 * timer (sent by the survey feature's survey.send handler) and its tier recomputed from
 * its approved contracts; the regular visit moves when the cadence changed. A customer with an
 * approved contract is an active customer.
 *
 * Applied once per contract: the post-signing visit carries the contract as its source, and
 * (kind, sourceId) is unique, so the visit's INSERT ... ON CONFLICT DO NOTHING is the first write
 * and the database's record that the contract was applied; a redelivered event changes nothing.
 */
@Injectable()
export class ContractEventsJobs {
  constructor(
    private readonly database: Database,
    private readonly repository: ContractEventsRepository,
    private readonly visits: RevisitsRepository,
    private readonly planner: RevisitPlanner,
    private readonly directory: OrgDirectory,
    private readonly policies: FollowUpPolicyStore,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  @OnJob('contract.approved')
  async onContractApproved({ contractId }: JobPayload<'contract.approved'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    const outcome = await this.database.transaction(async (tx): Promise<'done' | 'skipped'> => {
      const contract = await this.repository.findContract(tx, contractId);
      if (!contract?.customerId || contract.status !== 'APPROVED') return 'skipped';
      const customer = await this.visits.lockCustomer(tx, contract.customerId);
      if (!customer) return 'skipped';
      const owner = await this.directory.findById(customer.ownerId, tx);
      if (!owner) return 'skipped';
      const now = this.clock.now();
      const approvedAt = contract.decidedAt ?? now;
      const context = await this.directory.workingContext(owner, tx);
      const { policy } = await this.policies.active(tx);

      const postSigningDue = addWorkingDays(approvedAt, policy.postSigningVisitWorkingDays, context.calendar, context.zone);
      const visit = await this.planner.planVisit(tx, customer, VISIT_KINDS.postSigning, postSigningDue, correlationId, contract.id);
      if (!visit) return 'skipped';
      const surveyDueAt = addCalendarDays(approvedAt, policy.surveyAfterContractDays, context.zone);
      await this.timers.arm(tx, {
        kind: JOBS.surveySend, queue: QUEUES.followUpBulk, subjectId: contract.id, dueAt: surveyDueAt,
        uniqueKey: surveyDueKey(contract.id), correlationId,
      });

      const since = DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months: TIER_WINDOW_MONTHS }).toJSDate();
      const approvedAmount = await this.repository.approvedAmountSince(tx, customer.id, since);
      const tier = tierForAmount(approvedAmount, policy.tierThresholds);
      if (tier !== customer.tier || customer.status !== 'active') {
        await this.repository.updateCustomer(tx, customer.id, { tier, status: 'active' });
      }
      await this.audit.record(tx, {
        entityType: 'customer', entityId: customer.id, action: CONTRACT_APPLIED_ACTION, actorId: null,
        before: { tier: customer.tier, status: customer.status },
        after: {
          contractId: contract.id, tier, status: 'active', approvedAmount12m: approvedAmount.toFixed(2),
          postSigningVisitId: visit.id, postSigningDueAt: postSigningDue.toISOString(), surveyDueAt: surveyDueAt.toISOString(),
        },
        correlationId, at: now,
      });
      await this.planner.ensurePlanned(tx, customer.id, correlationId);
      return 'done';
    });
    if (outcome === 'done') this.signal.notify();
    return outcome;
  }
}
