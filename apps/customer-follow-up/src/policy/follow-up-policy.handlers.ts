import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import { FollowUpPolicyStore } from './follow-up-policy.store.js';

@Controller()
export class FollowUpPolicyHandlers {
  constructor(private readonly store: FollowUpPolicyStore) {}

  @MessagePattern(PATTERNS.followUp.policyGet)
  get() {
    return this.store.active();
  }

  @MessagePattern(PATTERNS.followUp.policyPut)
  put(@Payload() { caller, correlationId, body }: RpcRequest<{ policy: unknown }>) {
    return this.store.replace(caller, body.policy, correlationId);
  }

  @MessagePattern(PATTERNS.ping.customerFollowUp)
  ping() {
    return { ok: true };
  }
}
