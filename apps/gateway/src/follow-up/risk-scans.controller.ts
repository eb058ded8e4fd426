import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RISK_SCAN_TYPES, RunRiskScan, type RiskScanType } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';

export class RunRiskScanDto {
  @ApiProperty({ enum: RISK_SCAN_TYPES }) @IsIn(RISK_SCAN_TYPES) type: RiskScanType;
}

@ApiTags('customer follow-up')
@Controller('risk-scans')
export class RiskScansController {
  constructor(private readonly service: ServiceClient) {}

  @Post()
  @HttpCode(202)
  @Roles('Run a daily risk scan now (customer_demand or competition), to check a rule change without waiting a day; it runs as the daily scan does, on the bulk queue', ['ADMIN'])
  @ApiAnswers(202, 'RiskScanRequested', [400, 503])
  run(@CurrentCaller() caller: Caller, @Body() body: RunRiskScanDto, @CorrelationId() correlationId: string) {
    return this.service.call(RunRiskScan, caller, correlationId, { type: body.type });
  }
}
