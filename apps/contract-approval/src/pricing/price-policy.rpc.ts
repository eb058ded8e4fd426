import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetPricePolicy, PutPricePolicy, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { PricePolicyStore } from './price-policy.store.js';

@Controller()
export class PricePolicyHandlers {
  constructor(private readonly policies: PricePolicyStore) {}

  @RpcHandler(GetPricePolicy)
  get() {
    return this.policies.active();
  }

  @RpcHandler(PutPricePolicy)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutPricePolicy>) {
    return this.policies.replace(caller, body.policy, correlationId);
  }
}
