import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ApproveCommissionStatement, ComputeCommissionStatements, GetCommissionStatement, GetCommissionStatementCsv, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CommissionsService } from './commissions.service.js';
import { StatementRun } from './statement-run.service.js';

@Controller()
export class CommissionsHandlers {
  constructor(
    private readonly commissions: CommissionsService,
    private readonly run: StatementRun,
  ) {}

  @RpcHandler(GetCommissionStatement)
  get(@Payload() { caller, body }: RpcRequestOf<typeof GetCommissionStatement>) {
    return this.commissions.statement(caller, body);
  }

  @RpcHandler(GetCommissionStatementCsv)
  csv(@Payload() { caller, body }: RpcRequestOf<typeof GetCommissionStatementCsv>) {
    return this.commissions.csv(caller, body);
  }

  @RpcHandler(ComputeCommissionStatements)
  compute(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof ComputeCommissionStatements>) {
    return this.run.computeAll(caller, body.period, correlationId);
  }

  @RpcHandler(ApproveCommissionStatement)
  approve(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof ApproveCommissionStatement>) {
    return this.commissions.approve(caller, body.id, correlationId);
  }
}
