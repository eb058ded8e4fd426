import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListTargets, PutTargets, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { TargetsService } from './targets.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class TargetsHandlers {
  constructor(private readonly targets: TargetsService) {}

  @RpcHandler(PutTargets)
  put(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PutTargets>) {
    return this.targets.put(caller, body.period, body.targets, correlationId);
  }

  @RpcHandler(ListTargets)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListTargets>) {
    return this.targets.list(caller, body);
  }
}
