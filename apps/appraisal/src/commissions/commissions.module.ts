import { Module } from '@nestjs/common';
import { CommissionPlansModule } from '../commission-plans/commission-plans.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { CommissionsHandlers } from './commissions.rpc.js';
import { CommissionsRepository } from './commissions.repository.js';
import { CommissionsService } from './commissions.service.js';
import { StatementRun } from './statement-run.service.js';

/** Commission statements: computed (one, or a whole period set-based), recomputed while open, approved (frozen) by FINANCE, as JSON or CSV. */
@Module({
  imports: [CommissionPlansModule, FactsModule],
  controllers: [CommissionsHandlers],
  providers: [CommissionsRepository, CommissionsService, StatementRun],
  exports: [CommissionsService, CommissionsRepository],
})
export class CommissionsModule {}
