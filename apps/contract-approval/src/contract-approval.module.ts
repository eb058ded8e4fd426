import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '#libs/queue';
import { AbsenceReturns } from './absence/absence.jobs.js';
import { ActionTokens } from './approval/action-tokens.service.js';
import { ApprovalFlow } from './approval/approval-flow.service.js';
import { ApprovalMailer } from './approval/approval.mailer.js';
import { ApprovalTimersProcessor } from './approval/approval-timers.processor.js';
import { ApproverResolver } from './approval/approver-resolver.js';
import { RouteRepository } from './approval/approval.repository.js';
import { SlaHandlers } from './approval/approval.jobs.js';
import { StepRequests } from './approval/step-requests.js';
import { ContractReader } from './contracts/contract-reader.service.js';
import { ContractRepository } from './contracts/contracts.repository.js';
import { ContractsHandlers } from './contracts/contracts.rpc.js';
import { ContractsService } from './contracts/contracts.service.js';
import { FxRatesService } from './fx/fx-rates.service.js';
import { PolicyHandlers } from './policy/policy.rpc.js';
import { PolicyStore } from './policy/policy-store.service.js';

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
