import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ description: 'the work email address to send a sign-in link to' })
  @IsEmail()
  @MaxLength(320)
  email!: string;
}
