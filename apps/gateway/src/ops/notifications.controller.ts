import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ALL_QUEUES } from '#libs/queue';
import { ListDeadLetters, ListNotifications, RetryDeadLetter, RetryDeadLetters } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { pageLimit } from '../http/page-limit.js';
import { ServiceClient } from '../http/service-client.js';
import { PageCursor } from '../http/page-cursor.js';

const STATUSES = ['queued', 'sending', 'sent', 'retrying', 'dead', 'suppressed', 'unknown'] as const;

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

/** Which dead letters to put back: all not yet retried, or those of a queue, a job or a time window. */
class RetryDeadLettersDto {
  @ApiPropertyOptional({ enum: ALL_QUEUES }) @IsOptional() @IsIn(ALL_QUEUES) queue?: string;
  @ApiPropertyOptional({ example: 'notification.send' }) @IsOptional() @IsString() @Length(1, 100) jobName?: string;
  @ApiPropertyOptional({ description: 'dead since this instant (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) since?: string;
  @ApiPropertyOptional({ description: 'dead before this instant (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000, description: 'at most this many, oldest first' }) @IsOptional() @IsInt() @Min(1) @Max(10000) limit?: number;
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

  @Post('dead-letters/retry')
  @HttpCode(202)
  @Roles('Put every dead letter not yet retried back on its queue, or those matching {queue, jobName, since, until}, oldest first, at most limit (default 1000); each is retried once', ['ADMIN'])
  @ApiAnswers(202, 'DeadLettersRetried', [400, 503])
  retryAll(@CurrentCaller() caller: Caller, @Body() body: RetryDeadLettersDto, @CorrelationId() correlationId: string) {
    return this.service.call(RetryDeadLetters, caller, correlationId, { ...body, limit: body.limit ?? 1000 });
  }

  @Post('dead-letters/:id/retry')
  @HttpCode(202)
  @Roles('Put a dead job back on its queue', ['ADMIN'])
  @ApiAnswers(202, 'DeadLetterRetried', [404, 409, 503])
  retry(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(RetryDeadLetter, caller, correlationId, { id });
  }
}
