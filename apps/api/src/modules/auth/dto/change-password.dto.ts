import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, type ChangePasswordRequest } from '@skillbridge/contracts';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy';

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 256 })
  @IsAcceptablePassword()
  newPassword: string;

  @ApiPropertyOptional({ example: '492039', description: 'Required when two-factor sign-in is on' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  code?: string;
}
