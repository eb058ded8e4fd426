import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ContractStatus } from '#generated/prisma';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import type { ContractInput, DecisionInput } from './contract-input.js';
import { ContractReader } from './contract-reader.service.js';
import { ContractsService } from './contracts.service.js';

/** The service's edge: NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class ContractsHandlers {
  constructor(
    private readonly contracts: ContractsService,
    private readonly reader: ContractReader,
  ) {}

  @MessagePattern(PATTERNS.contracts.submit)
  submit(@Payload() { caller, correlationId, body }: RpcRequest<{ contract: ContractInput; idempotencyKey?: string }>) {
    return this.contracts.submit(caller, body.contract, body.idempotencyKey, correlationId);
  }

  @MessagePattern(PATTERNS.contracts.get)
  get(@Payload() { caller, body }: RpcRequest<{ id: string }>) {
    return this.reader.get(caller, body.id);
  }

  @MessagePattern(PATTERNS.contracts.list)
  list(@Payload() { caller, body }: RpcRequest<{ status?: ContractStatus; owner?: string; cursor?: string; limit: number }>) {
    return this.reader.list(caller, body);
  }

  @MessagePattern(PATTERNS.contracts.audit)
  audit(@Payload() { caller, body }: RpcRequest<{ id: string }>) {
    return this.reader.audit(caller, body.id);
  }

  @MessagePattern(PATTERNS.contracts.inbox)
  inbox(@Payload() { caller }: RpcRequest) {
    return this.reader.inbox(caller);
  }

  @MessagePattern(PATTERNS.contracts.decide)
  decide(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string; decision: DecisionInput }>) {
    return this.contracts.decide(caller, body.id, body.decision, correlationId);
  }

  @MessagePattern(PATTERNS.contracts.withdraw)
  withdraw(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string }>) {
    return this.contracts.withdraw(caller, body.id, correlationId);
  }

  @MessagePattern(PATTERNS.contracts.resubmit)
  resubmit(@Payload() { caller, correlationId, body }: RpcRequest<{ id: string; contract: ContractInput }>) {
    return this.contracts.resubmit(caller, body.id, body.contract, correlationId);
  }

  @MessagePattern(PATTERNS.contracts.actionView)
  actionView(@Payload() { body }: RpcRequest<{ token: string }>) {
    return this.contracts.viewAction(body.token);
  }

  @MessagePattern(PATTERNS.contracts.actionDecide)
  actionDecide(@Payload() { correlationId, body }: RpcRequest<{ token: string; decision: DecisionInput }>) {
    return this.contracts.decideByAction(body.token, body.decision, correlationId);
  }

  @MessagePattern(PATTERNS.ping.contractApproval)
  ping() {
    return { ok: true };
  }
}
