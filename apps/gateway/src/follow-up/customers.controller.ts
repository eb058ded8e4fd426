import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CreateCustomer, GetCustomer, GetImport, ListCustomers, UpdateCustomer } from '#libs/contracts';
import type { Role } from '#generated/prisma';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles, SALES_ROLES } from '../auth/roles.decorator.js';
import { idempotencyKey } from '../contracts/idempotency-key.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { CreateCustomerDto, ListCustomersQuery, UpdateCustomerDto } from './customer.dto.js';
import { UPLOAD_MEDIA_TYPES, uploadFormat } from './customer-import-upload.js';
import { CustomerImportUploader, MAX_IMPORT_ROWS } from './customer-import.uploader.js';

const CREATORS: Role[] = [...SALES_ROLES, 'CUSTOMER_SERVICE'];
const IMPORTERS: Role[] = [...CREATORS, 'ADMIN'];

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly service: ServiceClient,
    private readonly uploader: CustomerImportUploader,
  ) {}

  @Post()
  @Roles('Create a customer (owned by the caller unless ownerEmail or ownerId names someone else)', CREATORS)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key with the same body returns the first result' })
  @ApiAnswers(201, 'CustomerView', [400, 404, 409, 503])
  create(@CurrentCaller() caller: Caller, @Body() body: CreateCustomerDto, @Headers('idempotency-key') key: string | undefined, @CorrelationId() correlationId: string) {
    return this.service.call(CreateCustomer, caller, correlationId, { customer: { ...body }, idempotencyKey: idempotencyKey(key) });
  }

  @Get()
  @Roles('List the customers the caller may see (own and reporting line; CUSTOMER_SERVICE and ADMIN all), ordered by code', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CustomerPage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: ListCustomersQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListCustomers, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Post('import')
  @HttpCode(202)
  @Roles(`Import up to ${MAX_IMPORT_ROWS} customers from a streamed CSV or NDJSON upload; answers {jobId} and runs on the bulk queue`, IMPORTERS)
  @ApiConsumes(...UPLOAD_MEDIA_TYPES)
  @ApiBody({
    description:
      'text/csv with the header code,name,ownerEmail,tier,status,industry,region,contactName,contactEmail,contactPhone,contactLocale ' +
      '(any order; code, name and ownerEmail required), or application/x-ndjson with one object per line using the same keys ' +
      '(or contacts:[{name,email,phone,locale}]). Rows upsert on code; empty cells keep the customer\u2019s value; contacts merge by email; ' +
      'errors name the line of the upload where the row starts.',
    schema: { type: 'string' },
  })
  @ApiAnswers(202, 'ImportAccepted', [400, 413, 415, 503])
  upload(@CurrentCaller() caller: Caller, @Req() request: Request, @CorrelationId() correlationId: string) {
    const format = uploadFormat(request.headers['content-type']);
    if (!format) throw new UnsupportedMediaTypeException(`Send the upload as ${UPLOAD_MEDIA_TYPES.join(' or ')}.`);
    // Nest's JSON and form parsers leave these media types unread, so the body is still a stream.
    // Not destroyed on an early stop, so the error answer still reaches the client.
    return this.uploader.receive(caller, correlationId, format, request.iterator({ destroyOnReturn: false }));
  }

  @Get('import/:jobId')
  @Roles('Progress of an import (rows done, upserted, rejected) and its rejected rows with their line and reason; the uploader and ADMIN', ANY_EMPLOYEE)
  @ApiAnswers(200, 'ImportProgress', [404, 503])
  importStatus(@CurrentCaller() caller: Caller, @Param('jobId') jobId: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetImport, caller, correlationId, { id: jobId });
  }

  @Get(':id')
  @Roles('A customer: its owner, the owner\u2019s managers, CUSTOMER_SERVICE and ADMIN', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CustomerView', [404, 503])
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(GetCustomer, caller, correlationId, { id });
  }

  @Patch(':id')
  @Roles('Change a customer (owner, tier, status, industry, region, contacts) with the version you read; its owner, the owner\u2019s managers and ADMIN', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CustomerView', [400, 404, 409, 503])
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateCustomerDto, @CorrelationId() correlationId: string) {
    return this.service.call(UpdateCustomer, caller, correlationId, { id, changes: { ...body } });
  }
}
