import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetTrainingPolicy, PutTrainingPolicy, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { TrainingPolicyStore } from './training-policy.store.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class TrainingPolicyHandlers {
  constructor(private readonly store: TrainingPolicyStore) {}

  @RpcHandler(GetTrainingPolicy)
  get() {
    return this.store.active();
  }

  @RpcHandler(PutTrainingPolicy)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutTrainingPolicy>) {
    return this.store.replace(caller, body.policy, correlationId);
  }
}
