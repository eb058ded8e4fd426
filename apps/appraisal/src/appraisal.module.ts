import { BullModule } from '@nestjs/bullmq';
import { Controller, Global, Module } from '@nestjs/common';
import { PingAppraisal } from '#libs/contracts';
import { QUEUES } from '#libs/queue';
import { RpcHandler } from '#libs/rpc';
import { queueProcessor } from '#libs/workflow';
import { ProgressModule } from './progress/progress.module.js';
import { TargetsModule } from './targets/targets.module.js';
import { CyclesModule } from './cycles/cycles.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { TemplatesModule } from './templates/templates.module.js';
import { CommissionPlansModule } from './commission-plans/commission-plans.module.js';
import { CommissionsModule } from './commissions/commissions.module.js';
import { DisputesModule } from './disputes/disputes.module.js';
import { TrainingOutcomesModule } from './training-outcomes/training-outcomes.module.js';
import { PromotionsModule } from './promotions/promotions.module.js';
import { AttritionModule } from './attrition/attrition.module.js';

/** /health asks every service. */
@Controller()
export class AppraisalPingHandler {
  @RpcHandler(PingAppraisal)
  ping() {
    return { ok: true };
  }
}

/** Shared by the appraisal features: the appraisal queues. */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.appraisalUrgent }, { name: QUEUES.appraisalBulk })],
  controllers: [AppraisalPingHandler],
})
export class AppraisalCoreModule {}

/**
 * Appraisal and commissions (issue 11): targets, review cycles with KPIs from what the other
 * services report, commission statements, the attrition risk. Urgent (deadline reminders and
 * escalations) never waits behind bulk (events from other services, digests, cycle openings).
 */
@Module({
  imports: [AppraisalCoreModule, TrainingOutcomesModule, TargetsModule, ProgressModule, TemplatesModule, CyclesModule, ReviewsModule, CommissionPlansModule, CommissionsModule, DisputesModule, PromotionsModule, AttritionModule],
  providers: [queueProcessor(QUEUES.appraisalUrgent, { concurrency: 10 }), queueProcessor(QUEUES.appraisalBulk, { concurrency: 4 })],
})
export class AppraisalModule {}
