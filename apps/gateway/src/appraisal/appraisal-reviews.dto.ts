import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class SelfReviewDto {
  @ApiProperty({ maxLength: 4000, example: 'Closed the Huaxin renewal; onboarding two new accounts' }) @IsString() @Length(1, 4000) comment: string;
}

export class PickPeersDto {
  @ApiProperty({ type: [String], example: ['peer1@example.com', 'peer2@example.com', 'peer3@example.com'], description: 'colleagues by email or id: 1 to the cycle\u2019s number of peers (default 3)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 320, { each: true })
  peers: string[];
}

export class ManagerReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: 'the manager\u2019s rating: the managerRating KPI' }) @IsInt() @Min(1) @Max(5) rating: number;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(1, 4000) comment: string;
}

export class CalibrationDto {
  @ApiProperty({ example: 'Strong', description: 'one of the template\u2019s bands' }) @IsString() @Length(1, 100) band: string;
  @ApiPropertyOptional({ maxLength: 4000, description: 'required when the band differs from the computed one' }) @IsOptional() @IsString() @Length(1, 4000) reason?: string;
}

/** JSON or form-encoded (the link page posts a form, so the rating may arrive as text). */
export class PeerRatingDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: 'teamwork, 1 poor .. 5 excellent' })
  @Type(() => Number) @IsInt({ message: 'rating must be a whole number from 1 to 5' }) @Min(1) @Max(5)
  rating: number;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @Length(0, 4000) comment?: string;
}
