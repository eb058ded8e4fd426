import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { COMPLAINT_SEVERITIES, COMPLAINT_STATUSES, type ComplaintSeverity } from '#libs/contracts';
import { PageCursor } from '../http/page-cursor.js';

export class CreateComplaintDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId: string;
  @ApiProperty({ enum: COMPLAINT_SEVERITIES, description: 'sets the acknowledge and resolve deadlines (follow-up policy)' })
  @IsIn(COMPLAINT_SEVERITIES) severity: ComplaintSeverity;
  @ApiProperty({ example: 'phone', description: 'how the customer complained' }) @IsString() @Length(1, 50) channel: string;
  @ApiProperty({ example: 'The last shipment arrived damaged.' }) @IsString() @Length(1, 4000) description: string;
}

export class ResolveComplaintDto {
  @ApiProperty({ example: 'Replaced the damaged parts; courier changed.' }) @IsString() @Length(1, 4000) resolution: string;
}

export class ListComplaintsQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES }) @IsOptional() @IsIn(COMPLAINT_STATUSES) status?: (typeof COMPLAINT_STATUSES)[number];
  @ApiPropertyOptional({ description: 'employee id or email' }) @IsOptional() @IsString() assignee?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @PageCursor() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() limit?: number;
}
