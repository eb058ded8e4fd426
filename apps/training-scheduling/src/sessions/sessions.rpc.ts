import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CancelSession, CreateSession, GetSession, RescheduleSession, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { SessionsService } from './sessions.service.js';

/** NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class SessionsHandlers {
  constructor(private readonly sessions: SessionsService) {}

  @RpcHandler(CreateSession)
  create(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CreateSession>) {
    return this.sessions.create(caller, body.session, body.idempotencyKey, correlationId);
  }

  @RpcHandler(GetSession)
  get(@Payload() { body }: RpcRequestOf<typeof GetSession>) {
    return this.sessions.get(body.id);
  }

  @RpcHandler(RescheduleSession)
  reschedule(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof RescheduleSession>) {
    return this.sessions.reschedule(caller, body.id, body.changes, correlationId);
  }

  @RpcHandler(CancelSession)
  cancel(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CancelSession>) {
    return this.sessions.cancel(caller, body.id, correlationId);
  }
}
