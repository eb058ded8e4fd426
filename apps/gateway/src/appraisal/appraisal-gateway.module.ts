import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { TargetsController } from './targets.controller.js';
import { AttritionPolicyController } from './attrition-policy.controller.js';
import { AppraisalCyclesController, AppraisalsController, AppraisalTemplatesController } from './appraisal-cycles.controller.js';
import { AppraisalReviewsController } from './appraisal-reviews.controller.js';
import { PeerReviewsController } from './peer-reviews.controller.js';
import { PromotionNominationsController } from './promotion-nominations.controller.js';

/** The appraisal endpoints of the HTTP API. */
@Module({
  imports: [ServiceClientModule],
  controllers: [TargetsController, AppraisalTemplatesController, AppraisalCyclesController, AppraisalsController, AppraisalReviewsController, PeerReviewsController, PromotionNominationsController, AttritionPolicyController],
})
export class AppraisalGatewayModule {}
