import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetApprovalPolicy, PutApprovalPolicy, PutFxRates } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ServiceClient } from '../http/service-client.js';
import { FxRatesDto } from './contract.dto.js';

@ApiTags('policy')
@Controller()
export class PolicyController {
  constructor(private readonly service: ServiceClient) {}

  @Get('approval-policy')
  @Roles('The active approval policy and its version', ANY_EMPLOYEE)
  @ApiAnswers(200, 'VersionedApprovalPolicy', [503])
  get(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(GetApprovalPolicy, caller, correlationId, {});
  }

  /** The body is the policy document itself; it is validated by the policy compiler. */
  @Put('approval-policy')
  @Roles('Replace the active approval policy (a new version; running contracts keep theirs)', ['ADMIN'])
  @ApiAnswers(200, 'VersionedApprovalPolicy', [400, 503])
  put(@CurrentCaller() caller: Caller, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutApprovalPolicy, caller, correlationId, { policy: body });
  }

  @Put('fx-rates')
  @Roles('Set exchange rates into BASE_CURRENCY', ['ADMIN'])
  @ApiAnswers(200, 'FxRates', [400, 503])
  putRates(@CurrentCaller() caller: Caller, @Body() body: FxRatesDto, @CorrelationId() correlationId: string) {
    return this.service.call(PutFxRates, caller, correlationId, { rates: body.rates });
  }
}
