import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetTrainingPlan, GetTrainingPlanProgress, PutTrainingPlan } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';

/** A path year the service checks (400 with field `year` when it is not one). */
const yearOf = (year: string): number => (/^\d{4}$/.test(year) ? Number(year) : Number.NaN);

@ApiTags('training')
@Controller('training-plans')
export class TrainingPlansController {
  constructor(private readonly service: ServiceClient) {}

  /** The body is the plan document itself ({rules: [...]}); the service validates it rule by rule. */
  @Put(':year')
  @Roles(
    "Publish the year's training plan as a new version: rules {course, audience {roles?, teams?, regions?, when?}, due {date} | {withinWorkingDaysOfJoining}}. Everyone matching is enrolled in one set-based pass; a republish writes only the difference and keeps completions",
    ['HR', 'ADMIN'],
  )
  @ApiAnswers(200, 'TrainingPlanView', [400, 409, 503])
  put(@CurrentCaller() caller: Caller, @Param('year') year: string, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutTrainingPlan, caller, correlationId, { year: yearOf(year), plan: body });
  }

  @Get(':year')
  @Roles("The year's active training plan and its version", ANY_EMPLOYEE)
  @ApiAnswers(200, 'TrainingPlanView', [400, 404, 503])
  get(@CurrentCaller() caller: Caller, @Param('year') year: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetTrainingPlan, caller, correlationId, { year: yearOf(year) });
  }

  @Get(':year/progress')
  @Roles("Completion and overdue counts by team and by role: HR and ADMIN see everyone, anyone else their reporting line", ANY_EMPLOYEE)
  @ApiAnswers(200, 'TrainingPlanProgress', [400, 404, 503])
  progress(@CurrentCaller() caller: Caller, @Param('year') year: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetTrainingPlanProgress, caller, correlationId, { year: yearOf(year) });
  }
}
