import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListDeadLetters, ListNotifications, PingNotifier, RetryDeadLetter, RetryDeadLetters, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { LedgerService } from './ledger.service.js';

@Controller()
export class LedgerHandlers {
  constructor(private readonly ledger: LedgerService) {}

  @RpcHandler(ListNotifications)
  listNotifications(@Payload() request: RpcRequestOf<typeof ListNotifications>) {
    return this.ledger.listNotifications(request.body);
  }

  @RpcHandler(ListDeadLetters)
  listDeadLetters(@Payload() request: RpcRequestOf<typeof ListDeadLetters>) {
    return this.ledger.listDeadLetters(request.body.cursor, request.body.limit);
  }

  @RpcHandler(RetryDeadLetter)
  retryDeadLetter(@Payload() request: RpcRequestOf<typeof RetryDeadLetter>) {
    return this.ledger.retryDeadLetter(request.body.id);
  }

  @RpcHandler(RetryDeadLetters)
  retryDeadLetters(@Payload() request: RpcRequestOf<typeof RetryDeadLetters>) {
    return this.ledger.retryDeadLetters(request.body);
  }

  @RpcHandler(PingNotifier)
  ping() {
    return { ok: true };
  }
}
