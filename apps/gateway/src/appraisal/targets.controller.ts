import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListTargets, PutTargets } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { ListTargetsQuery, PutTargetsDto } from './targets.dto.js';

@ApiTags('appraisal')
@Controller('targets')
export class TargetsController {
  constructor(private readonly service: ServiceClient) {}

  /** A PUT is naturally idempotent (the same body twice writes once), so no Idempotency-Key. */
  @Put(':period')
  @Roles(
    'Set sales targets for a period (2026, 2026-Q4 or 2026-12) in BASE_CURRENCY, all or nothing: a manager for the people below them in their reporting line, a director for their managers and anyone below them, ADMIN for anyone; nobody else, and nobody their own. 403 names who is outside your remit',
    ['SALES_MANAGER', 'SALES_DIRECTOR', 'ADMIN'],
  )
  @ApiAnswers(200, 'TargetsWritten', [400, 503])
  put(@CurrentCaller() caller: Caller, @Param('period') period: string, @Body() body: PutTargetsDto, @CorrelationId() correlationId: string) {
    return this.service.call(PutTargets, caller, correlationId, { period, targets: body.targets.map((t) => ({ employee: t.employee, amount: t.amount })) });
  }

  @Get()
  @Roles(
    'Targets of a period with the actual so far (approved contracts in BASE_CURRENCY on the approval date in the person\u2019s zone), attainment, expected-by-now on a linear pace, behind-pace flags, and the total of the whole view: ADMIN sees everyone, anyone else their own and their reporting line\u2019s',
    ANY_EMPLOYEE,
  )
  @ApiAnswers(200, 'TargetProgressPage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListTargetsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListTargets, caller, correlationId, { period: query.period, team: query.team, cursor: query.cursor, limit: pageLimit(query.limit) });
  }
}
