import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { PageCursor } from '../http/page-cursor.js';

export const CUSTOMER_TIERS = ['A', 'B', 'C'] as const;
export const CUSTOMER_STATUSES = ['prospect', 'active', 'dormant', 'lost'] as const;
export const CONTACT_LOCALES = ['zh-CN', 'en'] as const;
const MAX_CONTACTS = 50;

/** No leading or trailing blanks: codes are matched exactly by imports. */
const TRIMMED = /^\S(.*\S)?$/s;

export class ContactDto {
  @ApiProperty({ example: '王经理' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'wang@huadong.example' }) @IsEmail({}, { message: 'email must be an email address' }) @Length(3, 254) email: string;
  @ApiPropertyOptional({ example: '+86 21 5555 0100' }) @IsOptional() @Matches(/^\+?[0-9()\-.\s]{3,40}$/, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional({ enum: CONTACT_LOCALES, default: 'zh-CN', description: 'the language emails to this contact use' })
  @IsOptional() @IsIn(CONTACT_LOCALES) locale?: (typeof CONTACT_LOCALES)[number];
}

export class CreateCustomerDto {
  @ApiProperty({ example: 'C-10042', description: 'the company\u2019s customer code; unique; imports upsert on it' })
  @IsString() @Length(1, 64) @Matches(TRIMMED, { message: 'code must not start or end with blanks' })
  code: string;
  @ApiProperty({ example: '华东机电有限公司' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ description: 'the owner; give ownerEmail or ownerId, or neither to own it yourself' })
  @IsOptional() @IsEmail({}, { message: 'ownerEmail must be an email address' }) ownerEmail?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: CUSTOMER_TIERS, default: 'C' }) @IsOptional() @IsIn(CUSTOMER_TIERS) tier?: (typeof CUSTOMER_TIERS)[number];
  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES, default: 'prospect' }) @IsOptional() @IsIn(CUSTOMER_STATUSES) status?: (typeof CUSTOMER_STATUSES)[number];
  @ApiPropertyOptional({ example: 'machinery' }) @IsOptional() @IsString() @Length(1, 100) industry?: string;
  @ApiPropertyOptional({ example: 'Shanghai' }) @IsOptional() @IsString() @Length(1, 100) region?: string;
  @ApiPropertyOptional({ type: [ContactDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CONTACTS) @ValidateNested({ each: true }) @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class UpdateCustomerDto {
  @ApiProperty({ example: 3, description: 'the version you read; a newer one answers 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ description: 'the new owner; give ownerEmail or ownerId' })
  @IsOptional() @IsEmail({}, { message: 'ownerEmail must be an email address' }) ownerEmail?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: CUSTOMER_TIERS }) @IsOptional() @IsIn(CUSTOMER_TIERS) tier?: (typeof CUSTOMER_TIERS)[number];
  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES }) @IsOptional() @IsIn(CUSTOMER_STATUSES) status?: (typeof CUSTOMER_STATUSES)[number];
  @ApiPropertyOptional({ nullable: true, description: 'null clears it' }) @IsOptional() @IsString() @Length(1, 100) industry?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'null clears it' }) @IsOptional() @IsString() @Length(1, 100) region?: string | null;
  @ApiPropertyOptional({ type: [ContactDto], description: 'replaces the whole list' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CONTACTS) @ValidateNested({ each: true }) @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class ListCustomersQuery {
  @ApiPropertyOptional({ description: 'employee id or email' }) @IsOptional() @IsString() owner?: string;
  @ApiPropertyOptional({ enum: CUSTOMER_TIERS }) @IsOptional() @IsIn(CUSTOMER_TIERS) tier?: (typeof CUSTOMER_TIERS)[number];
  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES }) @IsOptional() @IsIn(CUSTOMER_STATUSES) status?: (typeof CUSTOMER_STATUSES)[number];
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}
