import { Module } from '@nestjs/common';
import { AbuseModule } from '../abuse/abuse.module.js';
import { ServiceClientModule } from '../http/service-client.module.js';
import { ComplaintsController } from './complaints.controller.js';
import { CustomersGatewayModule } from './customers-gateway.module.js';
import { FollowUpPolicyController } from './follow-up-policy.controller.js';
import { RevisitsController } from './revisits.controller.js';
import { RiskAlertsController } from './risk-alerts.controller.js';
import { RiskTasksController } from './risk-tasks.controller.js';
import { RiskLinksController } from './risk-links.controller.js';
import { SurveysController } from './surveys.controller.js';

/** The customer follow-up endpoints of the HTTP API. */
@Module({
  imports: [ServiceClientModule, CustomersGatewayModule, AbuseModule],
  controllers: [FollowUpPolicyController, RevisitsController, ComplaintsController, SurveysController, RiskAlertsController, RiskTasksController, RiskLinksController],
})
export class FollowUpGatewayModule {}
