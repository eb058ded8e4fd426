import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { AppraisalScorer } from './appraisal-scorer.service.js';
import { CyclesRepository } from './cycles.repository.js';
import { CyclesHandlers } from './cycles.rpc.js';
import { CyclesService } from './cycles.service.js';
import { ReviewDeadlines } from '../reviews/review-deadlines.service.js';
import { ReviewsRepository } from '../reviews/reviews.repository.js';

/**
 * Review cycles: opening (every automatic KPI with its evidence, set-based, and each step's
 * deadline timers) and reading appraisals with where their review stands.
 */
@Module({
  imports: [FactsModule, TemplatesModule],
  controllers: [CyclesHandlers],
  providers: [CyclesRepository, CyclesService, AppraisalScorer, ReviewsRepository, ReviewDeadlines],
  exports: [CyclesRepository, CyclesService, AppraisalScorer, ReviewsRepository, ReviewDeadlines],
})
export class CyclesModule {}
