import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { CreateCompetitor, GetPricePolicy, ListCompetitors, PutPricePolicy, UpdateCompetitor } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';

export class CompetitorDto {
  @ApiProperty({ example: 'Acme Industrial' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ description: 'false retires it: no new loss may name it (default true)' }) @IsOptional() @IsBoolean() active?: boolean;
}

@ApiTags('policy')
@Controller()
export class PricingController {
  constructor(private readonly service: ServiceClient) {}

  @Get('price-policy')
  @Roles('The active price and discount policy (list prices, discount bands by customer tier and product line) and its version', ANY_EMPLOYEE)
  @ApiAnswers(200, 'VersionedPricePolicy', [503])
  get(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(GetPricePolicy, caller, correlationId, {});
  }

  /** The body is the whole policy document, validated by the service. */
  @Put('price-policy')
  @Roles('Replace the price policy (a new version; submitted contracts keep theirs)', ['ADMIN'])
  @ApiAnswers(200, 'VersionedPricePolicy', [400, 503])
  put(@CurrentCaller() caller: Caller, @Body() body: unknown, @CorrelationId() correlationId: string) {
    return this.service.call(PutPricePolicy, caller, correlationId, { policy: body });
  }

  @Get('competitors')
  @Roles('The competitor catalogue losses name', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CompetitorList', [503])
  competitors(@CurrentCaller() caller: Caller, @CorrelationId() correlationId: string) {
    return this.service.call(ListCompetitors, caller, correlationId, {});
  }

  @Post('competitors')
  @Roles('Add a competitor (409 when the name is taken)', ['ADMIN'])
  @ApiAnswers(201, 'CompetitorView', [400, 409, 503])
  create(@CurrentCaller() caller: Caller, @Body() body: CompetitorDto, @CorrelationId() correlationId: string) {
    return this.service.call(CreateCompetitor, caller, correlationId, { competitor: { name: body.name, active: body.active } });
  }

  @Put('competitors/:id')
  @Roles('Rename or retire a competitor', ['ADMIN'])
  @ApiAnswers(200, 'CompetitorView', [400, 404, 409, 503])
  update(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: CompetitorDto, @CorrelationId() correlationId: string) {
    return this.service.call(UpdateCompetitor, caller, correlationId, { id, competitor: { name: body.name, active: body.active } });
  }
}
