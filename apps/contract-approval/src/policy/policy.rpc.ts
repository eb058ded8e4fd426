import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetApprovalPolicy, PutApprovalPolicy, PutFxRates, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { FxRatesService } from '../fx/fx-rates.service.js';
import { PolicyStore } from './policy-store.service.js';

@Controller()
export class PolicyHandlers {
  constructor(
    private readonly policies: PolicyStore,
    private readonly fx: FxRatesService,
  ) {}

  @RpcHandler(GetApprovalPolicy)
  get() {
    return this.policies.active();
  }

  @RpcHandler(PutApprovalPolicy)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutApprovalPolicy>) {
    return this.policies.replace(caller, body.policy, correlationId);
  }

  @RpcHandler(PutFxRates)
  putRates(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutFxRates>) {
    return this.fx.replace(caller, body.rates, correlationId);
  }
}
