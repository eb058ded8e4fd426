import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { DECISIONS } from '../contracts/contract.dto.js';

/** A window of local days; the owning service checks the dates and names the wrong one. */
export class ReportWindowQuery {
  @ApiPropertyOptional({ example: '2027-01-01', description: 'first local day (the caller\u2019s zone), YYYY-MM-DD; default: twelve months before `to`' })
  @IsOptional() @IsString() from?: string;
  @ApiPropertyOptional({ example: '2027-12-31', description: 'last local day, included, YYYY-MM-DD; default: today' })
  @IsOptional() @IsString() to?: string;
}

export class ReportQuery extends ReportWindowQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'json by default' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class DeskQuery {
  @ApiPropertyOptional({ description: 'the contract just decided from the desk (shows a notice)' }) @IsOptional() @IsUUID() decided?: string;
}

/**
 * The desk's decision form: its comment box posts an empty string when left empty, which means
 * "no comment" (an approval needs none); otherwise the same rules as POST /contracts/:id/decisions.
 */
export class DeskDecisionDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision: (typeof DECISIONS)[number];
  @ApiPropertyOptional({ description: 'required for reject and request_changes' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value))
  @ValidateIf((o: DeskDecisionDto) => o.decision !== 'approve' || o.comment !== undefined)
  @IsString() @IsNotEmpty({ message: 'a comment is required to reject or request changes' }) @Length(1, 4000)
  comment?: string;
}
