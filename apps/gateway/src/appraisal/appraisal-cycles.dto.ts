import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';

export class CycleScopeDto {
  @ApiPropertyOptional({ example: 'East', description: 'everyone in this team (or give a role, not both)' }) @IsOptional() @IsString() @Length(1, 100) team?: string;
  @ApiPropertyOptional({ example: 'SALES_SPECIALIST', description: 'everyone with this role' }) @IsOptional() @IsString() role?: string;
}

export class CycleDeadlinesDto {
  @ApiProperty({ example: '2027-01-15T18:00:00+08:00', description: 'self-review; ISO-8601 with offset, in the future' }) @IsString() self: string;
  @ApiProperty({ example: '2027-01-22T18:00:00+08:00', description: 'peer ratings; after self' }) @IsString() peer: string;
  @ApiProperty({ example: '2027-01-29T18:00:00+08:00', description: 'manager review; after peer' }) @IsString() manager: string;
  @ApiProperty({ example: '2027-02-05T18:00:00+08:00', description: 'calibration; after manager' }) @IsString() calibration: string;
}

export class OpenCycleDto {
  @ApiProperty({ example: '2026-Q4', description: 'a year (2026), a quarter (2026-Q4) or a month (2026-12)' }) @IsString() period: string;
  @ApiProperty({ type: CycleScopeDto }) @IsObject() @ValidateNested() @Type(() => CycleScopeDto) scope: CycleScopeDto;
  @ApiProperty({ example: 'sales-2026', description: 'the template name; its latest version is used and kept' }) @IsString() template: string;
  @ApiProperty({ type: CycleDeadlinesDto }) @IsObject() @ValidateNested() @Type(() => CycleDeadlinesDto) deadlines: CycleDeadlinesDto;
  @ApiPropertyOptional({ example: 3, description: 'how many peers the manager picks for each person (1-10, default 3)' }) @IsOptional() @IsNumber() peers?: number;
  @ApiPropertyOptional({ example: 0.75, description: 'each step\u2019s reminder at this fraction of its owner\u2019s working time before the deadline (0-1, default 0.75); the escalation at the deadline' }) @IsOptional() @IsNumber() reminderAt?: number;
}

export class ListAppraisalsQuery {
  @ApiProperty({ format: 'uuid', description: 'the cycle' }) @IsUUID() cycle: string;
}
