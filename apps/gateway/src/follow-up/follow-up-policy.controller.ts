import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetFollowUpPolicy, PatchFollowUpPolicy, PutFollowUpPolicy } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ServiceClient } from '../http/service-client.js';

@ApiTags('customer follow-up')
@Controller('follow-up-policy')
export class FollowUpPolicyController {
  constructor(private readonly service: ServiceClient) {}

  @Get()
  @Roles('The follow-up policy: cadences, tier thresholds, complaint deadlines, survey cap, risk rules', ANY_EMPLOYEE)
  @ApiAnswers(200, 'VersionedFollowUpPolicy', [503])
  get(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(GetFollowUpPolicy, caller, correlationId, {});
  }

  /** The body is the whole policy document: a missing field is a 400 naming it (PATCH changes some fields). */
  @Put()
  @Roles('Replace the follow-up policy with a complete document (a new version)', ['ADMIN'])
  @ApiAnswers(200, 'VersionedFollowUpPolicy', [400, 503])
  put(@CurrentCaller() caller: Caller, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutFollowUpPolicy, caller, correlationId, { policy: body });
  }

  /** The body holds the fields to change; nested objects merge, the result is checked as a whole. */
  @Patch()
  @Roles('Change some fields of the follow-up policy (a new version)', ['ADMIN'])
  @ApiAnswers(200, 'VersionedFollowUpPolicy', [400, 503])
  patch(@CurrentCaller() caller: Caller, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PatchFollowUpPolicy, caller, correlationId, { changes: body });
  }
}
