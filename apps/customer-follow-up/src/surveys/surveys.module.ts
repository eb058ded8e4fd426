import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { RevisitsModule } from '../revisits/revisits.module.js';
import { SatisfactionReport } from './satisfaction-report.service.js';
import { SurveyAnswers } from './survey-answers.service.js';
import { SurveyJobs } from './surveys.jobs.js';
import { SurveyMailer } from './surveys.mailer.js';
import { SurveySender } from './survey-sender.service.js';
import { SurveysHandlers } from './surveys.rpc.js';
import { SurveysRepository } from './surveys.repository.js';

/**
 * Satisfaction surveys: sent after a resolved complaint (SurveySender, used by complaints) and on
 * the contract schedule (survey.send); answered through a single-use link; a low score
 * alerts the owner and plans an at-risk visit.
 */
@Module({
  imports: [CustomersModule, RevisitsModule],
  controllers: [SurveysHandlers],
  providers: [SurveysRepository, SurveyMailer, SurveySender, SurveyAnswers, SurveyJobs, SatisfactionReport],
  exports: [SurveySender],
})
export class SurveysModule {}
