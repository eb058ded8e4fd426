import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import { LedgerService, type NotificationQuery } from './ledger.service.js';

@Controller()
export class LedgerHandlers {
  constructor(private readonly ledger: LedgerService) {}

  @MessagePattern(PATTERNS.notifier.listNotifications)
  listNotifications(@Payload() request: RpcRequest<NotificationQuery>) {
    return this.ledger.listNotifications(request.body);
  }

  @MessagePattern(PATTERNS.notifier.listDeadLetters)
  listDeadLetters(@Payload() request: RpcRequest<{ cursor?: string; limit: number }>) {
    return this.ledger.listDeadLetters(request.body.cursor, request.body.limit);
  }

  @MessagePattern(PATTERNS.notifier.retryDeadLetter)
  retryDeadLetter(@Payload() request: RpcRequest<{ id: string }>) {
    return this.ledger.retryDeadLetter(request.body.id);
  }

  @MessagePattern(PATTERNS.ping.notifier)
  ping() {
    return { ok: true };
  }
}
