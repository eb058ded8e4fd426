import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetCommissionPlan, PutCommissionPlan, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CommissionPlansService } from './commission-plans.service.js';

@Controller()
export class CommissionPlansHandlers {
  constructor(private readonly plans: CommissionPlansService) {}

  @RpcHandler(PutCommissionPlan)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutCommissionPlan>) {
    return this.plans.put(caller, body.plan, correlationId);
  }

  @RpcHandler(GetCommissionPlan)
  get(@Payload() { body }: RpcRequestOf<typeof GetCommissionPlan>) {
    return this.plans.get(body.period);
  }
}
