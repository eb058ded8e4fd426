import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { COURSE_CATEGORIES, ROLES } from '#libs/contracts';
import type { CourseCategory, Role } from '#generated/prisma';
import { PageCursor } from '../http/page-cursor.js';

export class CourseDto {
  @ApiProperty({ example: 'PK-101', description: 'unique; letters, digits, dot, dash, underscore' })
  @IsString() @Length(1, 40) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'code may hold letters, digits, ".", "-" and "_" only' }) code: string;
  @ApiProperty({ example: '产品基础' }) @IsString() @Length(1, 200) titleZh: string;
  @ApiProperty({ example: 'Product basics' }) @IsString() @Length(1, 200) titleEn: string;
  @ApiProperty({ enum: COURSE_CATEGORIES }) @IsIn(COURSE_CATEGORIES) category: CourseCategory;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'the roles the course is for' })
  @IsArray() @ArrayMinSize(1) @IsIn(ROLES, { each: true }) levels: Role[];
  @ApiProperty({ example: 120 }) @IsInt() @Min(1) @Max(10080) durationMinutes: number;
  @ApiProperty() @IsBoolean() mandatory: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, description: 'an assessment with this pass mark; absent: none' })
  @IsOptional() @IsInt() @Min(0) @Max(100) passMark?: number | null;
  @ApiPropertyOptional({ minimum: 1, nullable: true, description: 'attempts allowed at the assessment (default 1)' })
  @IsOptional() @IsInt() @Min(1) @Max(20) attemptsAllowed?: number | null;
  @ApiPropertyOptional({ minimum: 1, nullable: true, description: 'a passed course certifies for this many months' })
  @IsOptional() @IsInt() @Min(1) @Max(240) certificateValidityMonths?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) productLine?: string | null;
}

export class UpdateCourseDto extends CourseDto {
  @ApiProperty({ description: 'the version you read; 409 when it changed since' }) @IsInt() @Min(1) version: number;
}

export class ListCoursesQuery {
  @ApiPropertyOptional({ enum: COURSE_CATEGORIES }) @IsOptional() @IsIn(COURSE_CATEGORIES) category?: CourseCategory;
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}

export class CreateSessionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId: string;
  @ApiProperty({ example: '2027-05-10T01:00:00Z' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ example: '2027-05-10T03:00:00Z' }) @IsISO8601({ strict: true }) endsAt: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'where the session is held' }) @IsString() @Length(1, 64) timezone: string;
  @ApiPropertyOptional({ nullable: true, description: 'a place or an onlineUrl (or both)' }) @IsOptional() @IsString() @Length(1, 200) place?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl({ require_protocol: true }) onlineUrl?: string | null;
  @ApiProperty({ description: 'the trainer: employee id or email' }) @IsString() @Length(1, 200) trainer: string;
  @ApiProperty({ example: 20 }) @IsInt() @Min(1) @Max(10000) capacity: number;
  @ApiPropertyOptional({ default: true, description: 'enrollments beyond capacity join a waitlist; false: 409' }) @IsOptional() @IsBoolean() waitlist?: boolean;
}

export class RescheduleSessionDto {
  @ApiProperty({ description: 'the version you read; 409 when it changed since' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) startsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) endsAt?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(1, 200) place?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUrl({ require_protocol: true }) onlineUrl?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10000) capacity?: number;
}

export class CreateEnrollmentDto {
  @ApiPropertyOptional({ description: 'enroll someone else: their manager chain or HR; absent: the caller' }) @IsOptional() @IsEmail() employeeEmail?: string;
}

export const ATTENDANCE_MARKS = ['present', 'absent', 'excused'] as const;

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() enrollmentId: string;
  @ApiProperty({ enum: ATTENDANCE_MARKS }) @IsIn(ATTENDANCE_MARKS) status: (typeof ATTENDANCE_MARKS)[number];
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendanceRecordDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10000) @ValidateNested({ each: true }) @Type(() => AttendanceRecordDto) records: AttendanceRecordDto[];
}

export class AssessmentDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) score: number;
}
