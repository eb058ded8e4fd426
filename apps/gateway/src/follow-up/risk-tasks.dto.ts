import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageCursor } from '../http/page-cursor.js';

const TASK_STATUSES = ['OPEN', 'DONE'] as const;

export class ListRiskTasksQuery {
  @ApiPropertyOptional({ description: 'the id or email of the owner: the caller or someone in their reporting line (ADMIN: anyone)' })
  @IsOptional() @IsString() @Length(1, 320) owner?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: (typeof TASK_STATUSES)[number];
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

export class CompleteRiskTaskDto {
  @ApiProperty({ example: 'Met the buyer; new price list agreed for Q3.' }) @IsString() @Length(1, 2000) note: string;
}

export class ReassignRiskTaskDto {
  @ApiProperty({ description: 'the new owner: someone in the caller\u2019s reporting line (ADMIN: anyone)' }) @IsUUID() ownerId: string;
}
