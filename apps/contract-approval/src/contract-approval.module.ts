import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '#libs/queue';
import { AbsenceReturns } from './approvals/absence-returns.service.js';
import { ActionTokens } from './approvals/action-tokens.service.js';
import { ApprovalFlow } from './approvals/approval-flow.service.js';
import { ApprovalMailer } from './approvals/approval-mailer.js';
import { ApprovalTimersProcessor } from './approvals/approval-timers.processor.js';
import { ApproverResolver } from './approvals/approver-resolver.js';
import { RouteRepository } from './approvals/route.repository.js';
import { SlaHandlers } from './approvals/sla-handlers.service.js';
import { StepRequests } from './approvals/step-requests.js';
import { ContractReader } from './contracts/contract-reader.service.js';
import { ContractRepository } from './contracts/contract.repository.js';
import { ContractsHandlers } from './contracts/contracts.rpc.js';
import { ContractsService } from './contracts/contracts.service.js';
import { FxRatesService } from './fx/fx-rates.service.js';
import { PolicyHandlers } from './policies/policy.rpc.js';
import { PolicyStore } from './policies/policy-store.service.js';

/** Contracts, approval policies, approval chains and delegations. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.approvalUrgent }, { name: QUEUES.approvalBulk })],
  controllers: [ContractsHandlers, PolicyHandlers],
  providers: [
    ActionTokens, ApprovalFlow, ApprovalMailer, ApprovalTimersProcessor, ApproverResolver, RouteRepository, SlaHandlers, StepRequests, AbsenceReturns,
    ContractReader, ContractRepository, ContractsService, FxRatesService, PolicyStore,
  ],
})
export class ContractApprovalModule {}
