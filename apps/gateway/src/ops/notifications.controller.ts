import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString } from 'class-validator';
import { ListDeadLetters, ListNotifications, RetryDeadLetter } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { PageCursor } from '../http/page-cursor.js';

const STATUSES = ['queued', 'sending', 'sent', 'retrying', 'dead', 'suppressed'] as const;

class NotificationsQuery {
  @ApiPropertyOptional({ description: 'employee id or email' }) @IsOptional() @IsString() recipient?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() kind?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

class PageQuery {
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

@ApiTags('operations')
@Controller()
export class NotificationsController {
  constructor(private readonly service: ServiceClient) {}

  @Get('notifications')
  @Roles('The send ledger: every intended email with its status', ['ADMIN'])
  @ApiAnswers(200, 'NotificationPage', [400, 503])
  list(@CurrentCaller() caller: Caller, @Query() query: NotificationsQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListNotifications, caller, correlationId, { ...query, limit: pageLimit(query.limit) });
  }

  @Get('dead-letters')
  @Roles('Jobs that failed permanently or exhausted their retries', ['ADMIN'])
  @ApiAnswers(200, 'DeadLetterPage', [400, 503])
  deadLetters(@CurrentCaller() caller: Caller, @Query() query: PageQuery, @CorrelationId() correlationId: string) {
    return this.service.call(ListDeadLetters, caller, correlationId, { cursor: query.cursor, limit: pageLimit(query.limit) });
  }

  @Post('dead-letters/:id/retry')
  @HttpCode(202)
  @Roles('Put a dead job back on its queue', ['ADMIN'])
  @ApiAnswers(202, 'DeadLetterRetried', [404, 409, 503])
  retry(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(RetryDeadLetter, caller, correlationId, { id });
  }
}
