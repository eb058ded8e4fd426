import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { PageCursor } from '../http/page-cursor.js';

export class TargetDto {
  @ApiProperty({ description: 'an employee id or email' }) @IsString() @Length(1, 200) employee: string;
  @ApiProperty({ example: 1200000, minimum: 0, description: 'the target in BASE_CURRENCY, at most two decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(1e13) amount: number;
}

export class PutTargetsDto {
  @ApiProperty({ type: [TargetDto], description: 'written all or nothing' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => TargetDto) targets: TargetDto[];
}

export class ListTargetsQuery {
  @ApiProperty({ example: '2026-Q4', description: 'a year (2026), a quarter (2026-Q4) or a month (2026-12)' }) @IsString() period: string;
  @ApiPropertyOptional({ description: 'only people of this team' }) @IsOptional() @IsString() @Length(1, 100) team?: string;
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}
