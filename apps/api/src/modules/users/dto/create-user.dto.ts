import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ROLES,
  SUPPORTED_LOCALES,
  type CountryCode,
  type CreateUserRequest,
  type Locale,
  type Role,
} from '@skillbridge/contracts';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsTimeZone, IsUUID, MaxLength } from 'class-validator';
import { IsCountryCode, IsEmailAddress, NormalizeEmail, Trim } from '../../../common/validation/validators';
import { IsAcceptablePassword } from '../../auth/password-policy';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ format: 'email' })
  @NormalizeEmail()
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 256, description: 'Not the e-mail address, not a common password' })
  @IsAcceptablePassword('email')
  password: string;

  @ApiProperty({ example: 'Li Wei' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for partner and instructor accounts' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES, default: 'en' })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  preferredLocale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', default: 'UTC' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiCountryCode({ required: false, description: 'Trainee accounts: required, for the trainee profile' })
  @IsOptional()
  @IsCountryCode()
  nationality?: CountryCode;

  @ApiPropertyOptional({ description: 'Trainee accounts: the name in Latin letters' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  fullNameLatin?: string;
}
