import { Module } from '@nestjs/common';
import { OverdueModule } from '../overdue/overdue.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { RecertificationJobs } from './recertification.jobs.js';
import { RecertificationRepository } from './recertification.repository.js';
import { RecertificationTimers } from './recertification-timers.service.js';

/** Recertification: a timer per expiring certificate; when due, a new requirement and a seat or waitlist place. */
@Module({
  imports: [SessionsModule, PlansModule, OverdueModule],
  providers: [RecertificationRepository, RecertificationTimers, RecertificationJobs],
  exports: [RecertificationTimers],
})
export class RecertificationModule {}
