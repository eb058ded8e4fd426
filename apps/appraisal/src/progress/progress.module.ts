import { Module } from '@nestjs/common';
import { TargetsModule } from '../targets/targets.module.js';
import { ProgressTimers } from './progress-timers.service.js';
import { ProgressJobs } from './progress.jobs.js';
import { ProgressMailer } from './progress.mailer.js';
import { ProgressRepository } from './progress.repository.js';
import { TargetProgressService } from './target-progress.service.js';

/** The Monday target progress email to each manager (issue 11 item 2). */
@Module({
  imports: [TargetsModule],
  providers: [ProgressRepository, ProgressTimers, TargetProgressService, ProgressMailer, ProgressJobs],
})
export class ProgressModule {}
