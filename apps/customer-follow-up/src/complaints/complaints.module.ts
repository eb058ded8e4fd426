import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { ComplaintAssigner } from './complaint-assigner.service.js';
import { ComplaintJobs } from './complaints.jobs.js';
import { ComplaintMailer } from './complaints.mailer.js';
import { ComplaintsHandlers } from './complaints.rpc.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';

/** Complaints: assignment, deadlines with reminders and escalation, acknowledge and resolve. */
@Module({
  imports: [CustomersModule, SurveysModule],
  controllers: [ComplaintsHandlers],
  providers: [ComplaintsRepository, ComplaintAssigner, ComplaintMailer, ComplaintsService, ComplaintJobs],
})
export class ComplaintsModule {}
