import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUPPORTED_LOCALES, type CountryCode, type Locale, type RegisterRequest } from '@skillbridge/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConsentGrantDto } from '../../privacy/consents/dto/consent.dto';
import { IsCountryCode, IsEmailAddress, NormalizeEmail, Trim } from '../../../common/validation/validators';
import { IsAcceptablePassword } from '../password-policy';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ format: 'email' })
  @NormalizeEmail()
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 256 })
  @IsAcceptablePassword('email')
  password: string;

  @ApiProperty({ example: 'สมชาย ใจดี', description: 'The name in the person’s own script' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ example: 'Somchai Jaidee', description: 'The name in Latin letters' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  fullNameLatin?: string;

  @ApiCountryCode()
  @IsCountryCode()
  nationality: CountryCode;

  @ApiPropertyOptional({ format: 'uuid', description: 'The partner institution the trainee belongs to, if any' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  preferredLocale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Bangkok', description: 'Where the trainee lives; schedules are shown in it' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({
    type: [ConsentGrantDto],
    description:
      'The consents given, each to the privacy notice version shown (GET /privacy-notice); program-administration is required',
  })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ConsentGrantDto)
  consents: ConsentGrantDto[];
}
