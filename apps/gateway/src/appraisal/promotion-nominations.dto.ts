import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length } from 'class-validator';
import { PROMOTION_DECISIONS, PROMOTION_STATUSES, type PromotionDecision, type PromotionStatus } from '#libs/contracts';
import { PageCursor } from '../http/page-cursor.js';

export class PromotionDecisionDto {
  @ApiProperty({ enum: PROMOTION_DECISIONS }) @IsIn(PROMOTION_DECISIONS) decision: PromotionDecision;
  @ApiProperty({ example: 'Leads the East accounts already; ready for a team of their own' }) @IsString() @Length(1, 2000) reason: string;
}

export class ListPromotionNominationsQuery {
  @ApiPropertyOptional({ enum: PROMOTION_STATUSES }) @IsOptional() @IsIn(PROMOTION_STATUSES) status?: PromotionStatus;
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}
