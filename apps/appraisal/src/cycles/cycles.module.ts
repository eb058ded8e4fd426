import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { AppraisalScorer } from './appraisal-scorer.service.js';
import { CyclesRepository } from './cycles.repository.js';
import { CyclesHandlers } from './cycles.rpc.js';
import { CyclesService } from './cycles.service.js';

/** Review cycles: opening (every automatic KPI with its evidence, set-based) and reading appraisals. */
@Module({
  imports: [FactsModule, TemplatesModule],
  controllers: [CyclesHandlers],
  providers: [CyclesRepository, CyclesService, AppraisalScorer],
  exports: [CyclesRepository, AppraisalScorer],
})
export class CyclesModule {}
