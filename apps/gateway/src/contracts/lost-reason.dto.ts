import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LOST_REASONS, type LostReason } from '#libs/contracts';

/** Why a withdrawn contract was lost; the service checks that competitorId comes with reason competitor, and only then. */
export class LostReasonDto {
  @ApiProperty({ enum: LOST_REASONS }) @IsIn(LOST_REASONS) reason: LostReason;
  @ApiPropertyOptional({ format: 'uuid', description: 'required with reason competitor (GET /competitors); not allowed otherwise' })
  @IsOptional() @IsUUID() competitorId?: string;
}
