import { Module } from '@nestjs/common';
import { CommissionPlansModule } from '../commission-plans/commission-plans.module.js';
import { CommissionsModule } from '../commissions/commissions.module.js';
import { DisputesJobs } from './disputes.jobs.js';
import { DisputesMailer } from './disputes.mailer.js';
import { DisputesHandlers } from './disputes.rpc.js';
import { DisputesRepository } from './disputes.repository.js';
import { DisputesService } from './disputes.service.js';

/** Commission disputes: the manager, then FINANCE, then ADMIN, each SLA a timer on appraisal-urgent. */
@Module({
  imports: [CommissionPlansModule, CommissionsModule],
  controllers: [DisputesHandlers],
  providers: [DisputesRepository, DisputesMailer, DisputesService, DisputesJobs],
})
export class DisputesModule {}
