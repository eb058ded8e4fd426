import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApprovalInbox, ContractAudit, DecideContract, GetContract, ListContracts, ResubmitContract, ReverseContract, SubmitContract, WithdrawContract } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles, SALES_ROLES } from '../auth/roles.decorator.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { ContractDto, DecisionDto, ListContractsQuery, ReverseContractDto } from './contract.dto.js';
import { idempotencyKey } from './idempotency-key.js';
import { LostReasonDto } from './lost-reason.dto.js';

@ApiTags('contracts')
@Controller()
export class ContractsController {
  constructor(private readonly service: ServiceClient) {}

  @Post('contracts')
  @Roles('Submit a contract for approval (routed by the active policy)', SALES_ROLES)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key with the same body returns the first result' })
  @ApiAnswers(201, 'Submission', [400, 409, 422, 503])
  submit(@CurrentCaller() caller: Caller, @Body() body: ContractDto, @Headers('idempotency-key') key: string | undefined, @CorrelationId() correlationId: string) {
    return this.service.call(SubmitContract, caller, correlationId, { contract: { ...body }, idempotencyKey: idempotencyKey(key) });
  }

  @Get('contracts')
  @Roles('List contracts the caller may see (own, reporting line, on the route; ADMIN all)', ANY_EMPLOYEE)
  @ApiAnswers(200, 'ContractPage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListContractsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListContracts, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Get('contracts/:id')
  @Roles('A contract with its route and history', ANY_EMPLOYEE)
  @ApiAnswers(200, 'ContractView', [404, 503])
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetContract, caller, correlationId, { id });
  }

  @Get('contracts/:id/audit')
  @Roles('The contract\u2019s audit trail', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AuditTrail', [404, 503])
  audit(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(ContractAudit, caller, correlationId, { id });
  }

  @Post('contracts/:id/decisions')
  @HttpCode(200)
  @Roles('Decide the caller\u2019s pending step: approve, reject or request_changes (the last two need a comment)', ANY_EMPLOYEE)
  @ApiAnswers(200, 'ContractWithRoute', [400, 404, 409, 503])
  decide(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: DecisionDto, @CorrelationId() correlationId: string) {
    return this.service.call(DecideContract, caller, correlationId, { id, decision: { ...body } });
  }

  @Post('contracts/:id/withdraw')
  @HttpCode(200)
  @Roles('Withdraw a contract (its owner), saying why the business was lost: reason, and competitorId for competitor', SALES_ROLES)
  @ApiAnswers(200, 'ContractWithRoute', [400, 404, 409, 503])
  withdraw(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: LostReasonDto, @CorrelationId() correlationId: string) {
    return this.service.call(WithdrawContract, caller, correlationId, { id, lost: { reason: body.reason, competitorId: body.competitorId } });
  }

  @Post('contracts/:id/reverse')
  @HttpCode(200)
  @Roles('Reverse an APPROVED contract (status REVERSED, audited with the reason); commission paid on it is clawed back in the owner\u2019s next statement. 409 unless APPROVED', ['FINANCE', 'ADMIN'])
  @ApiAnswers(200, 'ContractWithRoute', [400, 404, 409, 503])
  reverse(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ReverseContractDto, @CorrelationId() correlationId: string) {
    return this.service.call(ReverseContract, caller, correlationId, { id, reason: body.reason });
  }

  @Put('contracts/:id')
  @Roles('Resubmit a contract after request_changes (its owner)', SALES_ROLES)
  @ApiAnswers(200, 'ContractWithRoute', [400, 404, 409, 422, 503])
  resubmit(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ContractDto, @CorrelationId() correlationId: string) {
    return this.service.call(ResubmitContract, caller, correlationId, { id, contract: { ...body } });
  }

  @Get('approvals/inbox')
  @Roles('The caller\u2019s pending approval steps', ANY_EMPLOYEE)
  @ApiAnswers(200, 'Inbox', [503])
  inbox(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(ApprovalInbox, caller, correlationId, {});
  }
}
