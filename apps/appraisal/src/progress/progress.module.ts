import { Module } from '@nestjs/common';
import { TargetsModule } from '../targets/targets.module.js';
import { ProgressChainModule } from './progress-chain.module.js';
import { ProgressJobs } from './progress.jobs.js';
import { ProgressMailer } from './progress.mailer.js';
import { TargetProgressService } from './target-progress.service.js';

/** The Monday target progress email to each manager (issue 11 item 2). */
@Module({
  imports: [TargetsModule, ProgressChainModule],
  providers: [TargetProgressService, ProgressMailer, ProgressJobs],
})
export class ProgressModule {}
