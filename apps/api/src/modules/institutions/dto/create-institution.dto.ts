import { ApiProperty } from '@nestjs/swagger';
import {
  INSTITUTION_CODE_PATTERN,
  INSTITUTION_KINDS,
  INSTITUTION_NAME_MAX_LENGTH,
  type CountryCode,
  type CreateInstitutionRequest,
  type InstitutionKind,
  type LocalizedText,
} from '@skillbridge/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Matches } from 'class-validator';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { IsCountryCode, IsLocalizedText, NormalizeLocalizedText } from '../../../common/validation/validators';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class CreateInstitutionDto implements CreateInstitutionRequest {
  @ApiProperty({ example: 'RMUTT', pattern: INSTITUTION_CODE_PATTERN.source })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(INSTITUTION_CODE_PATTERN)
  code: string;

  @ApiProperty({
    type: LocalizedTextDto,
    example: { en: 'Rajamangala University of Technology Thanyaburi', th: 'มหาวิทยาลัยเทคโนโลยีราชมงคลธัญบุรี' },
  })
  @NormalizeLocalizedText()
  @IsLocalizedText(INSTITUTION_NAME_MAX_LENGTH)
  name: LocalizedText;

  @ApiProperty({ enum: INSTITUTION_KINDS })
  @IsIn(INSTITUTION_KINDS)
  kind: InstitutionKind;

  @ApiCountryCode()
  @IsCountryCode()
  country: CountryCode;
}
