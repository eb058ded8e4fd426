import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { FormNumber } from '#libs/platform';

/** JSON or form-encoded: the survey page posts a form, whose score is text; in JSON it is a number. */
export class SurveyAnswerDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 very dissatisfied .. 5 very satisfied' })
  @FormNumber() @IsInt({ message: 'score must be a whole number from 1 to 5' }) @Min(1) @Max(5)
  score: number;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @Length(0, 4000) comment?: string;
}
