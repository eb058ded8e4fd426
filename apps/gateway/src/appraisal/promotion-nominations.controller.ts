import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DecidePromotionNomination, GetPromotionNomination, ListPromotionNominations } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { ListPromotionNominationsQuery, PromotionDecisionDto } from './promotion-nominations.dto.js';

@ApiTags('appraisal')
@Controller('promotion-nominations')
export class PromotionNominationsController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles('Promotion nominations, newest first: HR and ADMIN see all, a manager those of their reporting line; never the person\u2019s own or their peers\u2019', ANY_EMPLOYEE)
  @ApiAnswers(200, 'PromotionNominationPage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListPromotionNominationsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListPromotionNominations, caller, correlationId, { status: query.status, cursor: query.cursor, limit: pageLimit(query.limit) });
  }

  @Get(':id')
  @Roles('One nomination with its evidence (the signed-off appraisals of the streak: periods, scores, bands); 403 outside HR, ADMIN and the person\u2019s manager line', ANY_EMPLOYEE)
  @ApiAnswers(200, 'PromotionNominationView', [403, 404, 503])
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetPromotionNomination, caller, correlationId, { id });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('Confirm or decline a nomination with a reason (1-2000 characters): the person\u2019s manager (the reviewer of record, or anyone above them); HR is emailed. 409 once decided, 403 for anyone else', ANY_EMPLOYEE)
  @ApiAnswers(200, 'PromotionNominationView', [400, 403, 404, 409, 503])
  decide(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: PromotionDecisionDto, @CorrelationId() correlationId: string) {
    return this.service.call(DecidePromotionNomination, caller, correlationId, { id, decision: body.decision, reason: body.reason });
  }
}
