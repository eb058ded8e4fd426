import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ApprovalInbox, ContractAudit, DecideByAction, DecideContract, GetContract, ListContracts, PingContractApproval, ResubmitContract, ReverseContract, SubmitContract,
  ViewAction, WithdrawContract, type RpcRequestOf,
} from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { ContractReader } from './contract-reader.service.js';
import { ContractsService } from './contracts.service.js';

/** The service's edge: NATS requests from the gateway, one replica each (queue group). */
@Controller()
export class ContractsHandlers {
  constructor(
    private readonly contracts: ContractsService,
    private readonly reader: ContractReader,
  ) {}

  @RpcHandler(SubmitContract)
  submit(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof SubmitContract>) {
    return this.contracts.submit(caller, body.contract, body.idempotencyKey, correlationId);
  }

  @RpcHandler(GetContract)
  get(@Payload() { caller, body }: RpcRequestOf<typeof GetContract>) {
    return this.reader.get(caller, body.id);
  }

  @RpcHandler(ListContracts)
  list(@Payload() { caller, body }: RpcRequestOf<typeof ListContracts>) {
    return this.reader.list(caller, body);
  }

  @RpcHandler(ContractAudit)
  audit(@Payload() { caller, body }: RpcRequestOf<typeof ContractAudit>) {
    return this.reader.audit(caller, body.id);
  }

  @RpcHandler(ApprovalInbox)
  inbox(@Payload() { caller }: RpcRequestOf<typeof ApprovalInbox>) {
    return this.reader.inbox(caller);
  }

  @RpcHandler(DecideContract)
  decide(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof DecideContract>) {
    return this.contracts.decide(caller, body.id, body.decision, correlationId);
  }

  @RpcHandler(WithdrawContract)
  withdraw(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof WithdrawContract>) {
    return this.contracts.withdraw(caller, body.id, body.lost, correlationId);
  }

  @RpcHandler(ReverseContract)
  reverse(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof ReverseContract>) {
    return this.contracts.reverse(caller, body.id, body.reason, correlationId);
  }

  @RpcHandler(ResubmitContract)
  resubmit(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof ResubmitContract>) {
    return this.contracts.resubmit(caller, body.id, body.contract, correlationId);
  }

  @RpcHandler(ViewAction)
  actionView(@Payload() { body }: RpcRequestOf<typeof ViewAction>) {
    return this.contracts.viewAction(body.token);
  }

  @RpcHandler(DecideByAction)
  actionDecide(@Payload() { correlationId, body }: RpcRequestOf<typeof DecideByAction>) {
    return this.contracts.decideByAction(body.token, body.decision, correlationId);
  }

  @RpcHandler(PingContractApproval)
  ping() {
    return { ok: true };
  }
}
