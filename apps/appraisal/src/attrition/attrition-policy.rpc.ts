import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetAttritionPolicy, PutAttritionPolicy, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { AttritionPolicyService } from './attrition-policy.service.js';

@Controller()
export class AttritionPolicyHandlers {
  constructor(private readonly policies: AttritionPolicyService) {}

  @RpcHandler(PutAttritionPolicy)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutAttritionPolicy>) {
    return this.policies.put(caller, body.policy, correlationId);
  }

  @RpcHandler(GetAttritionPolicy)
  get() {
    return this.policies.get();
  }
}
