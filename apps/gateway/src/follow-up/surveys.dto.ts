import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** JSON or form-encoded (the survey page posts a form, so the score may arrive as text). */
export class SurveyAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 very dissatisfied .. 5 very satisfied' })
  @Type(() => Number) @IsInt({ message: 'score must be a whole number from 1 to 5' }) @Min(1) @Max(5)
  score: number;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @Length(0, 4000) comment?: string;
}
