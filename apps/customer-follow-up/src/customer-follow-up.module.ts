import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '#libs/queue';
import { queueProcessor } from '#libs/workflow';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { ContractEventsModule } from './contract-events/contract-events.module.js';
import { RevisitsModule } from './revisits/revisits.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { RiskModule } from './risk/risk.module.js';
import { FollowUpPolicyHandlers } from './policy/follow-up-policy.rpc.js';
import { FollowUpPolicyStore } from './policy/follow-up-policy.store.js';
import { DailyScans } from './risk/daily-scans.js';

/** Shared by the follow-up features: the policy, the daily scans whose times it holds, and the follow-up queues. */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.followUpUrgent }, { name: QUEUES.followUpBulk })],
  controllers: [FollowUpPolicyHandlers],
  providers: [FollowUpPolicyStore, DailyScans],
  exports: [FollowUpPolicyStore, DailyScans],
})
export class FollowUpCoreModule {}

/**
 * Customers, revisit plans and visits, complaints, satisfaction surveys, customer-demand risk.
 * Urgent (alerts, complaint deadlines, contract events) never waits behind bulk (imports, scans,
 * digests); each job reaches its feature's `@OnJob` method.
 */
@Module({
  imports: [FollowUpCoreModule, CustomersModule, RevisitsModule, ContractEventsModule, ComplaintsModule, SurveysModule, RiskModule],
  // Bulk jobs are set-based: each keeps a core busy between the app and Postgres. More of them at
  // once only share the same cores and finish later each: with 4, the risk digest's first email
  // left ~2.2 s after 08:00 at 2,000 managers; with 2, ~1.1 s (docs/benchmarks.md).
  providers: [queueProcessor(QUEUES.followUpUrgent, { concurrency: 10 }), queueProcessor(QUEUES.followUpBulk, { concurrency: 2 })],
})
export class CustomerFollowUpModule {}
