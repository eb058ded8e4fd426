import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module.js';
import { TrainingPolicyModule } from '../policy/training-policy.module.js';
import { NextSession } from './next-session.service.js';
import { Reminders } from './reminders.service.js';
import { Seats } from './seats.service.js';
import { SessionsMailer } from './sessions.mailer.js';
import { SessionJobs } from './sessions.jobs.js';
import { SessionsHandlers } from './sessions.rpc.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { TrainingAbsences } from './training-absences.service.js';

/** Sessions: scheduling with trainer checks, reschedule and cancel with calendar updates, seats, reminders. */
@Module({
  imports: [CoursesModule, TrainingPolicyModule],
  controllers: [SessionsHandlers],
  providers: [SessionsRepository, SessionsMailer, Reminders, TrainingAbsences, Seats, SessionsService, NextSession, SessionJobs],
  exports: [SessionsRepository, SessionsMailer, Reminders, TrainingAbsences, Seats, SessionsService, NextSession],
})
export class SessionsModule {}
