import { Module } from '@nestjs/common';
import { ProgressTimers } from './progress-timers.service.js';
import { ProgressRepository } from './progress.repository.js';

/** The Monday email's timer chain, which setting a target also arms (TargetsModule) and the email continues (ProgressModule). */
@Module({
  providers: [ProgressRepository, ProgressTimers],
  exports: [ProgressRepository, ProgressTimers],
})
export class ProgressChainModule {}
