import { Module } from '@nestjs/common';
import { TrainingPolicyModule } from '../policy/training-policy.module.js';
import { DigestCheckService } from './digest-check.service.js';
import { DigestTimers } from './digest-timers.service.js';
import { DigestJobs } from './digest.jobs.js';
import { DigestMailer } from './digest.mailer.js';
import { DigestRepository } from './digest.repository.js';
import { TrainingDigestService } from './training-digest.service.js';

/** The weekly digest to each manager with a team (issue 10 item 9): completion by person, overdue, sessions with free seats. */
@Module({
  imports: [TrainingPolicyModule],
  providers: [DigestRepository, DigestTimers, DigestCheckService, TrainingDigestService, DigestMailer, DigestJobs],
  exports: [DigestTimers],
})
export class DigestModule {}
