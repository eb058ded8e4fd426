import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SessionsQuery {
  @ApiProperty({ description: 'the employee (id or email) whose sessions to list' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  employee!: string;
}

export class RevokeSessionsDto {
  @ApiProperty({ description: 'the employee (id or email) whose live sessions all end now' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  employee!: string;
}
