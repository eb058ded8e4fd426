import { Module } from '@nestjs/common';
import { ContractsRepository } from '../contracts/contracts.repository.js';
import { PolicyModule } from '../policy/policy.module.js';
import { PricingModule } from '../pricing/pricing.module.js';
import { ActionTokens } from './action-tokens.service.js';
import { ApprovalFlow } from './approval-flow.service.js';
import { ApprovalJobs } from './approval.jobs.js';
import { ApprovalMailer } from './approval.mailer.js';
import { ApprovalRepository } from './approval.repository.js';
import { ApproverResolver } from './approver-resolver.js';
import { StepRequests } from './step-requests.js';

const SHARED = [ActionTokens, ApprovalFlow, ApprovalMailer, ApprovalRepository, ApproverResolver, StepRequests, ContractsRepository];

/**
 * The approval chain: routes, stages, decisions, action links, SLA reminders and escalations.
 * It provides the contract rows' repository too, which the flow updates and contracts reads.
 */
@Module({
  imports: [PolicyModule, PricingModule],
  providers: [...SHARED, ApprovalJobs],
  exports: SHARED,
})
export class ApprovalModule {}
