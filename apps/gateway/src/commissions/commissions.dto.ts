import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DISPUTE_OUTCOMES, type DisputeOutcome } from '#libs/contracts';

export class StatementQuery {
  @ApiProperty({ example: '2026-12', description: 'a year (2026), a quarter (2026-Q4) or a month (2026-12)' }) @IsString() @Length(1, 20) period: string;
  @ApiPropertyOptional({ description: 'employee id or email; absent: the caller' }) @IsOptional() @IsString() @Length(1, 200) employee?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the same as Accept: text/csv' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class ComputeStatementsDto {
  @ApiProperty({ example: '2026-12', description: 'a year (2026), a quarter (2026-Q4) or a month (2026-12)' }) @IsString() @Length(4, 7) period: string;
}

export class PlanQuery {
  @ApiPropertyOptional({ example: '2026-12', description: 'the version in force for this period; absent: the latest version' }) @IsOptional() @IsString() @Length(1, 20) period?: string;
}

export class DisputeDto {
  @ApiProperty({ example: 'The contract with Acme approved on 30 December is missing' }) @IsString() @Length(1, 2000) reason: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ enum: DISPUTE_OUTCOMES }) @IsIn(DISPUTE_OUTCOMES) outcome: DisputeOutcome;
  @ApiProperty({ example: 'Recomputed after the late approval' }) @IsString() @Length(1, 2000) comment: string;
}
