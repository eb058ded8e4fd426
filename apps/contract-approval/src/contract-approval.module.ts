import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '#libs/queue';
import { queueProcessor } from '#libs/workflow';
import { AbsenceModule } from './absence/absence.module.js';
import { ApprovalModule } from './approval/approval.module.js';
import { ContractsModule } from './contracts/contracts.module.js';
import { PolicyModule } from './policy/policy.module.js';
import { ReportsModule } from './reports/reports.module.js';

/** Contracts, approval policies, approval chains and delegations. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.approvalUrgent }, { name: QUEUES.approvalBulk }), PolicyModule, ApprovalModule, AbsenceModule, ContractsModule, ReportsModule],
  providers: [queueProcessor(QUEUES.approvalUrgent, { concurrency: 10 })],
})
export class ContractApprovalModule {}
