import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';

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

