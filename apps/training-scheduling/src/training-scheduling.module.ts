import { BullModule } from '@nestjs/bullmq';
import { Controller, Global, Module } from '@nestjs/common';
import { PingTrainingScheduling } from '#libs/contracts';
import { QUEUES } from '#libs/queue';
import { RpcHandler } from '#libs/rpc';
import { queueProcessor } from '#libs/workflow';
import { AttendanceModule } from './attendance/attendance.module.js';
import { CoursesModule } from './courses/courses.module.js';
import { DigestModule } from './digest/digest.module.js';
import { TrainingEvents } from './events/training-events.service.js';
import { EnrollmentsModule } from './enrollments/enrollments.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { PlansModule } from './plans/plans.module.js';
import { TrainingPolicyModule } from './policy/training-policy.module.js';
import { RecertificationModule } from './recertification/recertification.module.js';
import { SessionsModule } from './sessions/sessions.module.js';

/** /health asks every service. */
@Controller()
export class TrainingPingHandler {
  @RpcHandler(PingTrainingScheduling)
  ping() {
    return { ok: true };
  }
}

/** Shared by the training features: the training queues and the events they publish. */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.trainingUrgent }, { name: QUEUES.trainingBulk })],
  controllers: [TrainingPingHandler],
  providers: [TrainingEvents],
  exports: [TrainingEvents],
})
export class TrainingCoreModule {}

/**
 * Courses, sessions with calendar invitations, enrollments with capacity and waitlist (issue 10).
 * Urgent (reminders, escalations) never waits behind bulk (plan publishing, the weekly digests).
 */
@Module({
  imports: [TrainingCoreModule, TrainingPolicyModule, CoursesModule, SessionsModule, EnrollmentsModule, AttendanceModule, PlansModule, RecertificationModule, DigestModule, FeedbackModule],
  providers: [queueProcessor(QUEUES.trainingUrgent, { concurrency: 10 }), queueProcessor(QUEUES.trainingBulk, { concurrency: 4 })],
})
export class TrainingSchedulingModule {}
