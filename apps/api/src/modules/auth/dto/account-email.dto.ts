import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PASSWORD_MAX_LENGTH,
  type ChangeEmailRequest,
  type PasswordResetConfirmRequest,
  type PasswordResetRequest,
  type UnlockRequest,
  type VerifyEmailRequest,
} from '@skillbridge/contracts';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress, NormalizeEmail } from '../../../common/validation/validators';
import { IsAcceptablePassword } from '../password-policy';

/** The token of an e-mailed link (`<uuid>.<43 characters>`). */
export class AccountTokenDto implements VerifyEmailRequest, UnlockRequest {
  @ApiProperty({ description: 'From the e-mailed link' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;
}

export class PasswordResetDto implements PasswordResetRequest {
  @ApiProperty({ format: 'email' })
  @NormalizeEmail()
  @IsEmailAddress()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto implements PasswordResetConfirmRequest {
  @ApiProperty({ description: 'From the e-mailed link' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 256 })
  @IsAcceptablePassword()
  password: string;
}

export class ChangeEmailDto implements ChangeEmailRequest {
  @ApiProperty({ format: 'email' })
  @NormalizeEmail()
  @IsEmailAddress()
  @MaxLength(254)
  newEmail: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({ example: '492039', description: 'Required when two-factor sign-in is on' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  code?: string;
}
