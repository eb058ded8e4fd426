import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompleteRevisit, ListRevisits, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { RevisitsService } from './revisits.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class RevisitsHandlers {
  constructor(private readonly revisits: RevisitsService) {}

  @RpcHandler(ListRevisits)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListRevisits>) {
    return this.revisits.list(caller, body);
  }

  @RpcHandler(CompleteRevisit)
  complete(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CompleteRevisit>) {
    return this.revisits.complete(caller, body.id, body.completion, correlationId);
  }
}
