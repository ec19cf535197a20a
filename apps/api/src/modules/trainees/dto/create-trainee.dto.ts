import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SUPPORTED_LOCALES,
  TRAINEE_NAME_MAX_LENGTH,
  type CountryCode,
  type CreateTraineeRequest,
  type Locale,
} from '@skillbridge/contracts';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Nullable } from '../../../common/validation/nullable';
import { IsCountryCode, IsEmailAddress, NormalizeEmail, Trim } from '../../../common/validation/validators';
import { IsLatinName } from '../latin-name';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class CreateTraineeDto implements CreateTraineeRequest {
  @ApiProperty({ example: 'สมชาย ใจดี', description: 'The name in the person’s own script' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TRAINEE_NAME_MAX_LENGTH)
  fullName: string;

  @ApiPropertyOptional({ example: 'Somchai Jaidee', description: 'The same name in Latin letters', nullable: true })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsString()
  @MaxLength(TRAINEE_NAME_MAX_LENGTH)
  @IsLatinName()
  fullNameLatin?: string;

  @ApiProperty({ example: 'somchai.j@rmutt.example' })
  @NormalizeEmail()
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @ApiCountryCode()
  @IsCountryCode()
  nationality: CountryCode;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A partner institution (admins); a partner’s trainees always join its own',
    nullable: true,
  })
  @IsOptional()
  @Nullable()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES, description: 'Defaults from the nationality' })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  preferredLocale?: Locale;
}
