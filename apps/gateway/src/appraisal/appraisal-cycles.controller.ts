import { Body, Controller, Get, Headers, Param, Post, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Role } from '#generated/prisma';
import { GetAppraisal, GetAppraisalCycle, GetAppraisalTemplate, ListAppraisals, OpenAppraisalCycle, PutAppraisalTemplate } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { idempotencyKey } from '../contracts/idempotency-key.js';
import { ApiAnswers } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';
import { ListAppraisalsQuery, OpenCycleDto } from './appraisal-cycles.dto.js';

const HR_ADMIN: Role[] = ['HR', 'ADMIN'];
const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'the same key with the same body returns the first result' };

@ApiTags('appraisal')
@Controller('appraisal-templates')
export class AppraisalTemplatesController {
  constructor(private readonly service: ServiceClient) {}

  /** The body is the template document itself ({kpis, bands, formula?}); the service validates it whole. */
  @Put(':name')
  @Roles(
    'Publish an appraisal template as a new version: KPIs {kind, weight, scoring {kind: linear, floor, target, cap?}, threshold?, courseCategory?} whose weights sum to 100, rating bands {name, min} from 0, an optional filtrex formula over weighted and the KPI scores, an optional promotion policy {streak, band?} (a streak of that band, the top one by default, nominates the person to HR). 400 with field messages, nothing written',
    HR_ADMIN,
  )
  @ApiAnswers(200, 'AppraisalTemplateView', [400, 409, 503])
  put(@CurrentCaller() caller: Caller, @Param('name') name: string, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutAppraisalTemplate, caller, correlationId, { name, template: body });
  }

  @Get(':name')
  @Roles("The template's latest version", ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalTemplateView', [400, 404, 503])
  get(@CurrentCaller() caller: Caller, @Param('name') name: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetAppraisalTemplate, caller, correlationId, { name });
  }
}

@ApiTags('appraisal')
@Controller('appraisal-cycles')
export class AppraisalCyclesController {
  constructor(private readonly service: ServiceClient) {}

  @Post()
  @Roles(
    "Open a review cycle: one appraisal per person in the team or role, every automatic KPI (sales attainment, customer satisfaction, follow-up timeliness, complaints on time, mandatory training on time) computed for the period with its evidence, in one set-based pass. 400 (nothing written), 422 when no one is in scope",
    HR_ADMIN,
  )
  @ApiHeader(IDEMPOTENCY)
  @ApiAnswers(201, 'AppraisalCycleView', [400, 409, 422, 503])
  open(@CurrentCaller() caller: Caller, @Body() body: OpenCycleDto, @Headers('idempotency-key') key: string | undefined, @CorrelationId() correlationId: string) {
    return this.service.call(OpenAppraisalCycle, caller, correlationId, {
      cycle: {
        period: body.period, scope: { ...body.scope }, template: body.template, deadlines: { ...body.deadlines },
        ...(body.peers !== undefined ? { peers: body.peers } : {}), ...(body.reminderAt !== undefined ? { reminderAt: body.reminderAt } : {}),
      },
      idempotencyKey: idempotencyKey(key),
    });
  }

  @Get(':id')
  @Roles('A cycle: period, scope, template version, deadlines and how many appraisals it opened', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalCycleView', [404, 503])
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetAppraisalCycle, caller, correlationId, { id });
  }
}

@ApiTags('appraisal')
@Controller('appraisals')
export class AppraisalsController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles("A cycle's appraisals: HR and ADMIN see all, anyone else their own and their reporting line's", ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalList', [400, 404, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListAppraisalsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListAppraisals, caller, correlationId, { cycle: query.cycle });
  }

  @Get(':id')
  @Roles('One appraisal: each KPI with its value, score, renormalised weight and the records behind it (contract, survey, visit, complaint, training ids); 403 outside one\u2019s own and one\u2019s reporting line (HR and ADMIN read all)', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalView', [403, 404, 503])
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetAppraisal, caller, correlationId, { id });
  }
}
