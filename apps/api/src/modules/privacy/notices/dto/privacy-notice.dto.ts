import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CountryCode,
  CreatePrivacyNoticeRequest,
  LocalizedText,
  PrivacyNotice,
  PrivacyNoticeRecipient,
} from '@skillbridge/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiCountryCode } from '../../../../common/openapi/api-docs.decorators';
import { LocalizedTextDto } from '../../../../common/openapi/localized-text.dto';
import { Nullable } from '../../../../common/validation/nullable';
import { IsCountryCode, IsLocalizedText, NormalizeLocalizedText, Trim } from '../../../../common/validation/validators';

/** A version names the notice for good: short, URL-safe (`2026-12`, `2027-03a`). */
export const NOTICE_VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;
/** The notice is a few pages in each language. */
const NOTICE_TEXT_MAX_LENGTH = 20_000;

export class PrivacyNoticeRecipientDto implements PrivacyNoticeRecipient {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  @Nullable()
  @ValidateIf((_object, value) => value !== null)
  @IsUUID()
  institutionId: string | null;

  @ApiProperty({ type: LocalizedTextDto })
  @NormalizeLocalizedText()
  @IsLocalizedText()
  name: LocalizedText;

  @ApiCountryCode()
  @IsCountryCode()
  country: CountryCode;
}

export class CreatePrivacyNoticeDto implements CreatePrivacyNoticeRequest {
  @ApiProperty({ example: '2027-03', pattern: NOTICE_VERSION_PATTERN.source })
  @Trim()
  @IsString()
  @Matches(NOTICE_VERSION_PATTERN)
  version: string;

  @ApiProperty({ type: LocalizedTextDto, description: 'The notice: paragraphs separated by blank lines' })
  @NormalizeLocalizedText()
  @IsLocalizedText(NOTICE_TEXT_MAX_LENGTH)
  text: LocalizedText;

  @ApiProperty({ type: LocalizedTextDto, description: 'The controller: the host college' })
  @NormalizeLocalizedText()
  @IsLocalizedText()
  controller: LocalizedText;

  @ApiProperty({ example: 'privacy@college.example', description: 'E-mail or postal address of the contact' })
  @Trim()
  @IsString()
  @Matches(/\S/)
  @MaxLength(500)
  contact: string;

  @ApiPropertyOptional({
    type: [PrivacyNoticeRecipientDto],
    description: 'Omitted: the partner institutions of today, with their countries',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PrivacyNoticeRecipientDto)
  recipients?: PrivacyNoticeRecipientDto[];
}

export class PrivacyNoticeDto implements PrivacyNotice {
  @ApiProperty({ example: '2026-12' }) version: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: LocalizedTextDto }) text: LocalizedText;
  @ApiProperty({ type: LocalizedTextDto }) controller: LocalizedText;
  @ApiProperty() contact: string;
  @ApiProperty({ type: [PrivacyNoticeRecipientDto] }) recipients: PrivacyNoticeRecipient[];
  @ApiProperty({ minimum: 1 }) retentionYears: number;
}
