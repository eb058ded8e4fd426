import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '#libs/queue';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { ContractEventsModule } from './contract-events/contract-events.module.js';
import { RevisitsModule } from './revisits/revisits.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { RiskModule } from './risk/risk.module.js';
import { FollowUpJobRouter } from './jobs/follow-up-job.router.js';
import { FollowUpBulkProcessor, FollowUpUrgentProcessor } from './jobs/follow-up.processors.js';
import { FollowUpPolicyHandlers } from './policy/follow-up-policy.rpc.js';
import { FollowUpPolicyStore } from './policy/follow-up-policy.store.js';

/** Shared by the follow-up features: the job router and the policy. */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.followUpUrgent }, { name: QUEUES.followUpBulk })],
  controllers: [FollowUpPolicyHandlers],
  providers: [FollowUpJobRouter, FollowUpPolicyStore, FollowUpUrgentProcessor, FollowUpBulkProcessor],
  exports: [FollowUpJobRouter, FollowUpPolicyStore],
})
export class FollowUpCoreModule {}

/** Customers, revisit plans and visits, complaints, satisfaction surveys, customer-demand risk. */
@Module({
  imports: [FollowUpCoreModule, CustomersModule, RevisitsModule, ContractEventsModule, ComplaintsModule, SurveysModule, RiskModule],
})
export class CustomerFollowUpModule {}
