import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCENT_COLOR_PATTERN,
  CERTIFICATE_SIGNATORIES_MAX,
  SIGNATORY_TEXT_MAX_LENGTH,
  SUPPORTED_LOCALES,
  type CertificateDesign,
  type CertificateSignatoryInput,
  type CertificateSignatoryView,
  type Locale,
  type LocalizedText,
  type UpdateCertificateDesignRequest,
} from '@skillbridge/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { LocalizedTextDto } from '../../../../common/openapi/localized-text.dto';
import { Nullable } from '../../../../common/validation/nullable';
import { IsLocalizedText, NormalizeLocalizedText } from '../../../../common/validation/validators';

export class CertificateSignatoryDto implements CertificateSignatoryInput {
  @ApiProperty({ type: LocalizedTextDto, example: { zh: '王建国', en: 'Wang Jianguo' } })
  @NormalizeLocalizedText()
  @IsLocalizedText(SIGNATORY_TEXT_MAX_LENGTH)
  name: LocalizedText;

  @ApiProperty({ type: LocalizedTextDto, example: { zh: '校长', en: 'President' } })
  @NormalizeLocalizedText()
  @IsLocalizedText(SIGNATORY_TEXT_MAX_LENGTH)
  title: LocalizedText;
}

export class UpdateCertificateDesignDto implements UpdateCertificateDesignRequest {
  @ApiPropertyOptional({
    type: String,
    example: '#7A1F2B',
    pattern: ACCENT_COLOR_PATTERN.source,
    nullable: true,
    description: 'Colour of the titles, the holder’s name and the frame; null or absent: the default navy',
  })
  @IsOptional()
  @Nullable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(ACCENT_COLOR_PATTERN)
  accentColor?: string | null;

  @ApiProperty({ type: [CertificateSignatoryDto], maxItems: CERTIFICATE_SIGNATORIES_MAX })
  @IsArray()
  @ArrayMaxSize(CERTIFICATE_SIGNATORIES_MAX)
  @ValidateNested({ each: true })
  @Type(() => CertificateSignatoryDto)
  signatories: CertificateSignatoryDto[];
}

class CertificateSignatoryViewDto implements CertificateSignatoryView {
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedText;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedText;
  @ApiProperty() hasSignature: boolean;
}

export class CertificateDesignDto implements CertificateDesign {
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiPropertyOptional({ example: '#7A1F2B' }) accentColor?: string;
  @ApiProperty({ type: [CertificateSignatoryViewDto] }) signatories: CertificateSignatoryView[];
  @ApiProperty() hasLogo: boolean;
  @ApiProperty() hasSeal: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt?: string;
}

export class CertificatePreviewQueryDto {
  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES, description: 'The language beside Chinese; default en' })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  lang?: Locale;
}
