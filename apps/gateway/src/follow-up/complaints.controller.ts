import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AcknowledgeComplaint, CreateComplaint, ListComplaints, ResolveComplaint } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles, SALES_ROLES } from '../auth/roles.decorator.js';
import { idempotencyKey } from '../contracts/idempotency-key.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { CreateComplaintDto, ListComplaintsQuery, ResolveComplaintDto } from './complaints.dto.js';

@ApiTags('customer follow-up')
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly service: ServiceClient) {}

  @Post()
  @Roles(
    'Record a customer complaint: assigned to the least-loaded CUSTOMER_SERVICE employee of the customer\u2019s region (else the owner\u2019s manager\u2019s team, else anyone in the role; none: 422), with deadlines by severity',
    [...SALES_ROLES, 'CUSTOMER_SERVICE', 'ADMIN'],
  )
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key with the same body returns the first result' })
  @ApiAnswers(201, 'ComplaintView', [400, 404, 409, 422, 503])
  create(@CurrentCaller() caller: Caller, @Body() body: CreateComplaintDto, @Headers('idempotency-key') key: string | undefined, @CorrelationId() correlationId: string) {
    return this.service.call(CreateComplaint, caller, correlationId, { complaint: { ...body }, idempotencyKey: idempotencyKey(key) });
  }

  @Get()
  @Roles('Complaints the caller may see (CUSTOMER_SERVICE and ADMIN: all; others: assigned to or about customers owned by their reporting line), newest first', ANY_EMPLOYEE)
  @ApiAnswers(200, 'ComplaintPage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListComplaintsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListComplaints, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('Acknowledge an open complaint (its assignee, their managers, ADMIN); 409 when it is not open', ANY_EMPLOYEE)
  @ApiAnswers(200, 'ComplaintView', [404, 409, 503])
  acknowledge(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(AcknowledgeComplaint, caller, correlationId, { id });
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('Resolve a complaint (its assignee, their managers, ADMIN) and survey the customer\u2019s primary contact; 409 when already resolved', ANY_EMPLOYEE)
  @ApiAnswers(200, 'ComplaintView', [400, 404, 409, 503])
  resolve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ResolveComplaintDto, @CorrelationId() correlationId: string) {
    return this.service.call(ResolveComplaint, caller, correlationId, { id, resolution: { ...body } });
  }
}
