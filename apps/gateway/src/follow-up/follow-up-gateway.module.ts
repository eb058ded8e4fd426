import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { FollowUpPolicyController } from './follow-up-policy.controller.js';

/** The customer follow-up endpoints of the HTTP API. */
@Module({
  imports: [ServiceClientModule],
  controllers: [FollowUpPolicyController],
})
export class FollowUpGatewayModule {}
