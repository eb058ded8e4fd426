import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { TargetsController } from './targets.controller.js';

/** The appraisal endpoints of the HTTP API. */
@Module({
  imports: [ServiceClientModule],
  controllers: [TargetsController],
})
export class AppraisalGatewayModule {}
