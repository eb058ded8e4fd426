import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CompleteRevisit, ListRevisits } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { CompleteVisitDto, ListRevisitsQuery } from './revisits.dto.js';

@ApiTags('customer follow-up')
@Controller('revisits')
export class RevisitsController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles('Planned revisits of an owner (the caller by default): due today, overdue, or all; visible to the owner, their delegate while absent, their managers and ADMIN', ANY_EMPLOYEE)
  @ApiAnswers(200, 'VisitPage', [400, 404, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListRevisitsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListRevisits, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('Record a visit and plan the next one (the owner, their delegate while absent, or their managers); 409 when already recorded', ANY_EMPLOYEE)
  @ApiAnswers(200, 'VisitCompletion', [400, 404, 409, 503])
  complete(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CompleteVisitDto, @CorrelationId() correlationId: string) {
    return this.service.call(CompleteRevisit, caller, correlationId, { id, completion: { ...body } });
  }
}
