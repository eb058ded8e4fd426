import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested,
} from 'class-validator';
import { ROLES } from '#libs/contracts';
import type { Role } from '#generated/prisma';
import { LOCALES } from '#libs/org';
import { PageCursor } from '../http/page-cursor.js';

export class EmployeeDto {
  @ApiProperty({ example: 'li.na@example.com' }) @IsEmail() email: string;
  @ApiProperty({ example: '李娜' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as readonly string[]) role: Role;
  @ApiPropertyOptional() @IsOptional() @IsEmail() managerEmail?: string;
  @ApiPropertyOptional({ description: 'by region, customer type or product line' }) @IsOptional() @IsString() @Length(1, 100) team?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) region?: string;
  @ApiPropertyOptional({ type: [String], description: 'the product lines the person sells; omitted: none' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 100, { each: true }) productLines?: string[];
  @ApiPropertyOptional({ example: 'Asia/Shanghai' }) @IsOptional() @IsString() @Length(1, 64) timezone?: string;
  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES as readonly string[]) locale?: string;
  @ApiPropertyOptional({ example: 'standard' }) @IsOptional() @IsString() @Length(1, 64) calendar?: string;
}

export class UpsertEmployeesDto {
  @ApiProperty({ type: [EmployeeDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @ValidateNested({ each: true }) @Type(() => EmployeeDto)
  employees: EmployeeDto[];
}

export class AbsenceDto {
  @ApiProperty() @IsEmail() employeeEmail: string;
  @ApiProperty({ example: '2026-12-01T00:00:00Z' }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ example: '2026-12-08T00:00:00Z' }) @IsISO8601({ strict: true }) to: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() delegateEmail?: string;
}

export class ListEmployeesQuery {
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() team?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES as readonly string[]) role?: Role;
}
