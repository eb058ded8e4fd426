import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { MAX_SNOOZE_DAYS, MAX_SNOOZE_REASON, RISK_ALERT_STATUSES, RISK_ALERT_TYPES } from '#libs/contracts';
import { PageCursor } from '../http/page-cursor.js';

export class ListRiskAlertsQuery {
  @ApiPropertyOptional({ enum: RISK_ALERT_TYPES }) @IsOptional() @IsIn(RISK_ALERT_TYPES) type?: (typeof RISK_ALERT_TYPES)[number];
  @ApiPropertyOptional({ enum: RISK_ALERT_STATUSES }) @IsOptional() @IsIn(RISK_ALERT_STATUSES) status?: (typeof RISK_ALERT_STATUSES)[number];
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

export class SnoozeRiskAlertDto {
  @ApiProperty({ example: '2027-04-01T00:00:00Z', description: `an instant in the future, at most ${MAX_SNOOZE_DAYS} days ahead; no email about this alert before it, even if the risk gets worse` })
  @IsISO8601({ strict: true }) until: string;
  @ApiProperty({ example: 'Customer is restructuring; talking again after their board meeting.' }) @IsString() @Length(1, MAX_SNOOZE_REASON) reason: string;
}

export class RiskLinkSnoozeDto {
  @ApiPropertyOptional({ description: `snooze links: until when (default 7 days from now; at most ${MAX_SNOOZE_DAYS} days ahead)` }) @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @ApiPropertyOptional({ description: 'snooze links: why (default: snoozed from the daily risk digest)' }) @IsOptional() @IsString() @Length(1, MAX_SNOOZE_REASON) reason?: string;
}
