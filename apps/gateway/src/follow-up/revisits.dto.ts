import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { DUE_FILTERS, LOST_REASONS, VISIT_OUTCOMES, type DueFilter, type LostReason, type VisitOutcome } from '#libs/contracts';
import { PageCursor } from '../http/page-cursor.js';

export class ListRevisitsQuery {
  @ApiPropertyOptional({ description: 'employee id or email; the caller by default' }) @IsOptional() @IsString() owner?: string;
  @ApiPropertyOptional({ enum: DUE_FILTERS, description: 'today: due on the owner\u2019s local today; overdue: due before it; all (default): every planned visit' })
  @IsOptional() @IsIn(DUE_FILTERS) due?: DueFilter;
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

export class CompleteVisitDto {
  @ApiProperty({ enum: VISIT_OUTCOMES, description: 'lost marks the customer lost: no next visit' }) @IsIn(VISIT_OUTCOMES) outcome: VisitOutcome;
  @ApiProperty({ example: 'Met the purchasing manager; next order expected in Q2.' }) @IsString() @Length(0, 4000) notes: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) satisfaction?: number;
  @ApiPropertyOptional({ example: '2027-04-01T02:00:00Z', description: 'when the next visit is due; by default the tier\u2019s cadence in the owner\u2019s working days' })
  @IsOptional() @IsISO8601({ strict: true }) nextVisitAt?: string;
  @ApiPropertyOptional({ enum: LOST_REASONS, description: 'required with outcome lost, not allowed otherwise' }) @IsOptional() @IsIn(LOST_REASONS) lostReason?: LostReason;
  @ApiPropertyOptional({ format: 'uuid', description: 'with lostReason competitor: who (GET /competitors)' }) @IsOptional() @IsUUID() competitorId?: string;
}
