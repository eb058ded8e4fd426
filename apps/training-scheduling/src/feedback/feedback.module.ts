import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { FeedbackJobs } from './feedback.jobs.js';
import { FeedbackMailer } from './feedback.mailer.js';
import { FeedbackRepository } from './feedback.repository.js';

/** Feedback into improvement: a signed-off appraisal's weak KPIs become course enrollments, and the manager is told. */
@Module({
  imports: [SessionsModule, PlansModule],
  providers: [FeedbackRepository, FeedbackMailer, FeedbackJobs],
})
export class FeedbackModule {}
