import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageCursor } from '../http/page-cursor.js';

export class ContractDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiProperty({ example: '华东机电有限公司' }) @IsString() @Length(1, 200) customerName: string;
  @ApiProperty({ example: '2027 annual supply agreement' }) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ example: 120000, description: 'greater than 0, at most 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0.01, { message: 'amount must be greater than 0' }) @Max(1e13)
  amount: number;
  @ApiProperty({ example: 'CNY', description: '3-letter ISO code' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO code such as CNY' }) currency: string;
  @ApiProperty({ example: 8, minimum: 0, maximum: 100 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100) discountPct: number;
  @ApiProperty({ example: 60, minimum: 0, maximum: 3650 }) @IsInt() @Min(0) @Max(3650) paymentTermDays: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) productLine?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) region?: string;
}

export const DECISIONS = ['approve', 'reject', 'request_changes'] as const;

/**
 * A web form's comment box (the approval link page, the desk) posts an empty string when left
 * empty: that is "no comment", which an approval needs none of.
 */
export class DecisionDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision: (typeof DECISIONS)[number];
  @ApiPropertyOptional({ description: 'required for reject and request_changes; blank counts as none' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value))
  @ValidateIf((o: DecisionDto) => o.decision !== 'approve' || o.comment !== undefined)
  @IsString() @IsNotEmpty({ message: 'a comment is required to reject or request changes' }) @Length(1, 4000)
  comment?: string;
}

export const CONTRACT_STATUSES = ['PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED', 'WITHDRAWN'] as const;

export class ReverseContractDto {
  @ApiProperty({ example: 'Customer cancelled the order', description: 'why the approved contract is undone (audited)' })
  @IsString() @Length(1, 2000) reason: string;
}

export class ListContractsQuery {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: (typeof CONTRACT_STATUSES)[number];
  @ApiPropertyOptional({ description: 'employee id or email' }) @IsOptional() @IsString() owner?: string;
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

export class FxRatesDto {
  @ApiProperty({ example: { USD: 7.1, EUR: 7.8 }, description: 'rates into BASE_CURRENCY' })
  @IsNotEmpty()
  rates: Record<string, number>;
}
