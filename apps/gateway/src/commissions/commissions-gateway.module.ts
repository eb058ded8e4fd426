import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { CommissionDisputesController, CommissionPlanController, CommissionStatementsController } from './commissions.controller.js';

/** Commission plans, statements and disputes (appraisal service). */
@Module({
  imports: [ServiceClientModule],
  controllers: [CommissionPlanController, CommissionStatementsController, CommissionDisputesController],
})
export class CommissionsGatewayModule {}
