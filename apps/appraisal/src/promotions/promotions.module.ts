import { Module } from '@nestjs/common';
import { PromotionsJobs } from './promotions.jobs.js';
import { PromotionsMailer } from './promotions.mailer.js';
import { PromotionsHandlers } from './promotions.rpc.js';
import { PromotionsRepository } from './promotions.repository.js';
import { PromotionsService } from './promotions.service.js';

/** Promotion nomination: a streak of the template's promotion band nominates the person to HR; the manager decides. */
@Module({
  controllers: [PromotionsHandlers],
  providers: [PromotionsRepository, PromotionsMailer, PromotionsService, PromotionsJobs],
})
export class PromotionsModule {}
