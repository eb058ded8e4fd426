import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#generated/prisma';
import { GetAttritionPolicy, PutAttritionPolicy } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';

const HR_ADMIN: Role[] = ['HR', 'ADMIN'];

@ApiTags('appraisal')
@Controller('attrition-policy')
export class AttritionPolicyController {
  constructor(private readonly service: ServiceClient) {}

  /** The body is the policy document itself; the service validates it field by field. */
  @Put()
  @Roles(
    'Publish the salesperson attrition policy as a new version: the roles watched, how many signals flag a person, the cooldown, each signal\u2019s numbers (null: off) and the countermeasures\u2019 due times in working time. 400 with field messages, nothing written',
    HR_ADMIN,
  )
  @ApiAnswers(200, 'VersionedAttritionPolicy', [400, 503])
  put(@CurrentCaller() caller: Caller, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutAttritionPolicy, caller, correlationId, { policy: body });
  }

  @Get()
  @Roles('The attrition policy in force (version 0: the defaults)', HR_ADMIN)
  @ApiAnswers(200, 'VersionedAttritionPolicy', [503])
  get(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(GetAttritionPolicy, caller, correlationId, {});
  }
}
