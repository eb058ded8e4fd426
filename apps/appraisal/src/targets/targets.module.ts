import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module.js';
import { ProgressChainModule } from '../progress/progress-chain.module.js';
import { TargetProgressReader } from './target-progress.reader.js';
import { TargetsHandlers } from './targets.rpc.js';
import { TargetsRepository } from './targets.repository.js';
import { TargetsService } from './targets.service.js';

/** Sales targets per person and period, and their progress from approved contracts (issue 11 item 2). */
@Module({
  imports: [FactsModule, ProgressChainModule],
  controllers: [TargetsHandlers],
  providers: [TargetsRepository, TargetProgressReader, TargetsService],
  exports: [TargetProgressReader, TargetsRepository],
})
export class TargetsModule {}
