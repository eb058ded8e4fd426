import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CompleteRiskTask, ListRiskTasks, ReassignRiskTask } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { CompleteRiskTaskDto, ListRiskTasksQuery, ReassignRiskTaskDto } from './risk-tasks.dto.js';

@ApiTags('customer follow-up')
@Controller('risk-tasks')
export class RiskTasksController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles('Risk countermeasure tasks owned by the caller or their reporting line (a specialist: only their own; ADMIN: all), soonest due first; 403 for an owner outside the caller\u2019s line', ANY_EMPLOYEE)
  @ApiAnswers(200, 'RiskTaskPage', [400, 403, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListRiskTasksQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListRiskTasks, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Post(':id/done')
  @HttpCode(200)
  @Roles('Mark a risk task done with a note (its owner, those above the owner, ADMIN): its reminder and escalation will not fire; 409 when done already', ANY_EMPLOYEE)
  @ApiAnswers(200, 'RiskTaskView', [400, 403, 404, 409, 503])
  done(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CompleteRiskTaskDto, @CorrelationId() correlationId: string) {
    return this.service.call(CompleteRiskTask, caller, correlationId, { id, done: { ...body } });
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('Reassign an open risk task to someone in the caller\u2019s reporting line (those above the owner, ADMIN); it keeps its due date, its reminder and escalation reach the new owner', ANY_EMPLOYEE)
  @ApiAnswers(200, 'RiskTaskView', [400, 403, 404, 409, 503])
  reassign(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ReassignRiskTaskDto, @CorrelationId() correlationId: string) {
    return this.service.call(ReassignRiskTask, caller, correlationId, { id, reassign: { ...body } });
  }
}
