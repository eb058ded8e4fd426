import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AcknowledgeRiskAlert, ListRiskAlerts, RiskAlertsEffectiveness, SnoozeRiskAlert } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { ListRiskAlertsQuery, SnoozeRiskAlertDto } from './risk-alerts.dto.js';

@ApiTags('customer follow-up')
@Controller('risk-alerts')
export class RiskAlertsController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles('Risk alerts about customers owned by the caller or their reporting line, and attrition alerts about the people below the caller (HR: all attrition alerts; ADMIN: all), newest first, with their evidence and tasks', ANY_EMPLOYEE)
  @ApiAnswers(200, 'RiskAlertPage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListRiskAlertsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListRiskAlerts, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Get('effectiveness')
  @Roles(
    'Per risk type and countermeasure, how often the signal recovered within 30, 60 and 90 days after the tasks were done versus not done (managers and directors: their reporting line\u2019s tasks; ADMIN: all)',
    ['SALES_MANAGER', 'SALES_DIRECTOR', 'ADMIN'],
  )
  @ApiAnswers(200, 'RiskEffectivenessReport', [403, 503])
  effectiveness(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(RiskAlertsEffectiveness, caller, correlationId, {});
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('Acknowledge a risk alert (the owner\u2019s managers, the owner when they have none, ADMIN; attrition: the person\u2019s managers, HR, ADMIN): no more emails about it unless it gets worse; 409 when already acknowledged', ANY_EMPLOYEE)
  @ApiAnswers(200, 'RiskAlertView', [404, 409, 503])
  acknowledge(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(AcknowledgeRiskAlert, caller, correlationId, { id });
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @Roles('Snooze a risk alert until a future instant (the owner\u2019s managers, the owner when they have none, ADMIN; attrition: the person\u2019s managers, HR, ADMIN): no email about it before then, even if it gets worse', ANY_EMPLOYEE)
  @ApiAnswers(200, 'RiskAlertView', [400, 404, 503])
  snooze(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: SnoozeRiskAlertDto, @CorrelationId() correlationId: string) {
    return this.service.call(SnoozeRiskAlert, caller, correlationId, { id, snooze: { ...body } });
  }
}
