import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApproveCommissionStatement, ComputeCommissionStatements, GetCommissionPlan, GetCommissionStatement, GetCommissionStatementCsv, OpenCommissionDispute, PutCommissionPlan, ResolveCommissionDispute,
  schemaRef,
} from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { IDEMPOTENCY_HEADER, idempotencyKey } from '../contracts/idempotency-key.js';
import { ApiAnswers, ApiErrors } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';
import { ComputeStatementsDto, DisputeDto, PlanQuery, ResolveDisputeDto, StatementQuery } from './commissions.dto.js';

@ApiTags('commissions')
@Controller('commission-plan')
export class CommissionPlanController {
  constructor(private readonly service: ServiceClient) {}

  /** The body is the plan document itself; the service validates it field by field. */
  @Put()
  @Roles(
    'Publish a commission plan version effective from a month: tiers by attainment, accelerator above target, cap, discount band, dispute SLAs. 409 when it would govern a period with an approved statement',
    ['FINANCE', 'ADMIN'],
  )
  @ApiAnswers(200, 'VersionedCommissionPlan', [400, 409, 503])
  put(@CurrentCaller() caller: Caller, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutCommissionPlan, caller, correlationId, { plan: body });
  }

  @Get()
  @Roles('The commission plan in force for a period, or the latest version (version 0: the default)', ANY_EMPLOYEE)
  @ApiAnswers(200, 'VersionedCommissionPlan', [400, 503])
  get(@CurrentCaller() caller: Caller, @Query() query: PlanQuery, @CorrelationId() correlationId: string) {
    return this.service.call(GetCommissionPlan, caller, correlationId, query.period === undefined ? {} : { period: query.period });
  }
}

@ApiTags('commissions')
@Controller('commission-statements')
export class CommissionStatementsController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles(
    'A person\'s commission statement for a period, one line per contract (amount, tier, rate, adjustments) and clawbacks; recomputed on every read until approved. The person, their managers, FINANCE and ADMIN (403 otherwise). JSON, or CSV with Accept: text/csv or format=csv',
    ANY_EMPLOYEE,
  )
  @ApiResponse({ status: 200, description: 'Success.', content: { 'application/json': { schema: schemaRef('CommissionStatementView') }, 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404, 503)
  async get(
    @CurrentCaller() caller: Caller,
    @Query() query: StatementQuery,
    @Headers('accept') accept: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const request = { period: query.period, ...(query.employee ? { employee: query.employee } : {}) };
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) return this.service.call(GetCommissionStatement, caller, correlationId, request);
    const file = await this.service.call(GetCommissionStatementCsv, caller, correlationId, request);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename.replace(/[^A-Za-z0-9@._-]/g, '_')}"`);
    return file.csv;
  }

  @Post('compute')
  @HttpCode(200)
  @Roles('Compute every open statement of a period at once, set-based (everyone with a target for it or a contract approved in it), with the same figures a single read gives; approved statements stay frozen', ['FINANCE', 'ADMIN'])
  @ApiAnswers(200, 'CommissionRunView', [400, 503])
  compute(@CurrentCaller() caller: Caller, @Body() body: ComputeStatementsDto, @CorrelationId() correlationId: string) {
    return this.service.call(ComputeCommissionStatements, caller, correlationId, { period: body.period });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('Approve a statement after its period: recomputed one last time, then frozen. 409 when already approved or the period is not over', ['FINANCE'])
  @ApiAnswers(200, 'CommissionStatementView', [404, 409, 503])
  approve(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(ApproveCommissionStatement, caller, correlationId, { id });
  }

  @Post(':id/disputes')
  @Roles(
    'Dispute your own statement (403 for anyone else): your manager is emailed and has an SLA in working time; then FINANCE, with its own SLA; then ADMIN. 409 while another dispute of it is open',
    ANY_EMPLOYEE,
  )
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiAnswers(201, 'CommissionDisputeView', [400, 404, 409, 503])
  dispute(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: DisputeDto, @Headers('idempotency-key') key: string | undefined, @CorrelationId() correlationId: string) {
    return this.service.call(OpenCommissionDispute, caller, correlationId, { statementId: id, reason: body.reason, idempotencyKey: idempotencyKey(key) });
  }
}

@ApiTags('commissions')
@Controller('commission-disputes')
export class CommissionDisputesController {
  constructor(private readonly service: ServiceClient) {}

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('Resolve a dispute (upheld or rejected, with a comment): the person\'s manager line while it is theirs, FINANCE or ADMIN at any stage; the person is emailed', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CommissionDisputeView', [400, 403, 404, 409, 503])
  resolve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ResolveDisputeDto, @CorrelationId() correlationId: string) {
    return this.service.call(ResolveCommissionDispute, caller, correlationId, { id, outcome: body.outcome, comment: body.comment });
  }
}
