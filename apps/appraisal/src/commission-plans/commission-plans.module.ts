import { Module } from '@nestjs/common';
import { CommissionPlansHandlers } from './commission-plans.rpc.js';
import { CommissionPlansRepository } from './commission-plans.repository.js';
import { CommissionPlansService } from './commission-plans.service.js';

/** Commission plans as data: versions, each effective from a month; a paid period's plan is locked. */
@Module({
  controllers: [CommissionPlansHandlers],
  providers: [CommissionPlansRepository, CommissionPlansService],
  exports: [CommissionPlansService, CommissionPlansRepository],
})
export class CommissionPlansModule {}
