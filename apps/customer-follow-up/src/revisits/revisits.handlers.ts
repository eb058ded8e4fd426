import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import type { CompleteVisitInput } from './revisit-input.js';
import { RevisitsService, type ListRevisitsQuery } from './revisits.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class RevisitsHandlers {
  constructor(private readonly revisits: RevisitsService) {}

  @MessagePattern(PATTERNS.followUp.revisitList)
  list(@Payload() { caller, body }: RpcRequest<ListRevisitsQuery>) {
    return this.revisits.list(caller, body);
  }

  @MessagePattern(PATTERNS.followUp.revisitComplete)
  complete(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string; completion: CompleteVisitInput }>) {
    return this.revisits.complete(caller, body.id, body.completion, correlationId);
  }
}
