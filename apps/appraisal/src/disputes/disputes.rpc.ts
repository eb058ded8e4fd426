import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OpenCommissionDispute, ResolveCommissionDispute, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { DisputesService } from './disputes.service.js';

@Controller()
export class DisputesHandlers {
  constructor(private readonly disputes: DisputesService) {}

  @RpcHandler(OpenCommissionDispute)
  open(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof OpenCommissionDispute>) {
    return this.disputes.open(caller, body.statementId, body.reason, body.idempotencyKey, correlationId);
  }

  @RpcHandler(ResolveCommissionDispute)
  resolve(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof ResolveCommissionDispute>) {
    return this.disputes.resolve(caller, body.id, body.outcome, body.comment, correlationId);
  }
}
