import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { EnrollmentsHandlers } from './enrollments.rpc.js';
import { EnrollmentsRepository } from './enrollments.repository.js';
import { EnrollmentsService } from './enrollments.service.js';

/** Enrollments: a seat or a waitlist place under the session's lock; withdrawal promotes the waitlist. */
@Module({
  imports: [SessionsModule, PlansModule],
  controllers: [EnrollmentsHandlers],
  providers: [EnrollmentsRepository, EnrollmentsService],
})
export class EnrollmentsModule {}
