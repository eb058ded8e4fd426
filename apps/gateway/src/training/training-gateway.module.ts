import { Module } from '@nestjs/common';
import { ServiceClientModule } from '../http/service-client.module.js';
import { TrainingPlansController } from './training-plans.controller.js';
import { CoursesController, EnrollmentsController, SessionsController, TrainingPolicyController } from './training.controller.js';

/** The training scheduling endpoints of the HTTP API. */
@Module({
  imports: [ServiceClientModule],
  controllers: [CoursesController, SessionsController, EnrollmentsController, TrainingPolicyController, TrainingPlansController],
})
export class TrainingGatewayModule {}
