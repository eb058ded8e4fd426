import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetFollowUpPolicy, PatchFollowUpPolicy, PingCustomerFollowUp, PutFollowUpPolicy, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { FollowUpPolicyStore } from './follow-up-policy.store.js';

@Controller()
export class FollowUpPolicyHandlers {
  constructor(private readonly store: FollowUpPolicyStore) {}

  @RpcHandler(GetFollowUpPolicy)
  get() {
    return this.store.active();
  }

  @RpcHandler(PutFollowUpPolicy)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutFollowUpPolicy>) {
    return this.store.replace(caller, body.policy, correlationId);
  }

  @RpcHandler(PatchFollowUpPolicy)
  patch(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PatchFollowUpPolicy>) {
    return this.store.change(caller, body.changes, correlationId);
  }

  @RpcHandler(PingCustomerFollowUp)
  ping() {
    return { ok: true };
  }
}
