import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { CoursesController, EnrollmentsController, SessionsController } from './training.controller.js';

/** The training scheduling endpoints of the HTTP API. */
@Module({
  imports: [ServiceClientModule],
  controllers: [CoursesController, SessionsController, EnrollmentsController],
})
export class TrainingGatewayModule {}
