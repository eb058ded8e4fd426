import { Module } from '@nestjs/common';
import { TrainingOutcomesJobs } from './training-outcomes.jobs.js';
import { TrainingOutcomesRepository } from './training-outcomes.repository.js';

/** What appraisal knows of training: its record of the training service's events. */
@Module({
  providers: [TrainingOutcomesRepository, TrainingOutcomesJobs],
  exports: [TrainingOutcomesRepository],
})
export class TrainingOutcomesModule {}
