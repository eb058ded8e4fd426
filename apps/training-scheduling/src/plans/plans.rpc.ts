import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetTrainingPlan, GetTrainingPlanProgress, PutTrainingPlan, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { PlansService } from './plans.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class PlansHandlers {
  constructor(private readonly plans: PlansService) {}

  @RpcHandler(PutTrainingPlan)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutTrainingPlan>) {
    return this.plans.put(caller, body.year, body.plan, correlationId);
  }

  @RpcHandler(GetTrainingPlan)
  get(@Payload() { body }: RpcRequestOf<typeof GetTrainingPlan>) {
    return this.plans.get(body.year);
  }

  @RpcHandler(GetTrainingPlanProgress)
  progress(@Payload() { caller, body }: RpcRequestOf<typeof GetTrainingPlanProgress>) {
    return this.plans.progress(caller, body.year);
  }
}
