import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module.js';
import { Seats } from './seats.service.js';
import { SessionsMailer } from './sessions.mailer.js';
import { SessionsHandlers } from './sessions.rpc.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/** Sessions: scheduling with trainer checks, reschedule and cancel with calendar updates, seats. */
@Module({
  imports: [CoursesModule],
  controllers: [SessionsHandlers],
  providers: [SessionsRepository, SessionsMailer, Seats, SessionsService],
  exports: [SessionsRepository, SessionsMailer, Seats, SessionsService],
})
export class SessionsModule {}
