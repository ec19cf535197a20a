import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CERTIFICATE_STATUSES,
  SUPPORTED_LOCALES,
  type Certificate,
  type CertificateIssuer,
  type CertificateListEntry,
  type CertificateStatus,
  type CertificateTopic,
  type CompletionBasis,
  type Locale,
  type LocalizedText,
  type Verification,
} from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';

export class CertificateTopicDto implements CertificateTopic {
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedText;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ description: 'Scheduled hours of the session' }) hours: number;
}

export class CompletionBasisDto implements CompletionBasis {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Attended / counted sessions; absent when none counted' })
  attendanceRate?: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) minAttendanceRate: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) score?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) passingScore?: number;
}

export class CertificateIssuerDto implements CertificateIssuer {
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedText;
}

export class CertificateLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'TRPC-2024-000123' }) serial: string;
}

/** A certificate as issued: everything it vouches for is frozen at issue. */
export class CertificateDto implements Certificate {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() serial: string;
  @ApiProperty({ description: 'Typable code (groups of four); older certificates keep their 22-character one' })
  verificationCode: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: CertificateStatus;
  @ApiPropertyOptional() revokedReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
  @ApiProperty() holderName: string;
  @ApiPropertyOptional() holderNameLatin?: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: LocalizedTextDto }) programTitle: LocalizedText;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA zone in which the dates are read' }) timeZone: string;
  @ApiProperty({ description: 'Scheduled hours of the sessions that counted (学时)' }) hours: number;
  @ApiProperty({ type: [CertificateTopicDto] }) topics: CertificateTopic[];
  @ApiProperty({ type: CompletionBasisDto }) completion: CompletionBasis;
  @ApiProperty({ type: CertificateIssuerDto }) issuer: CertificateIssuer;
  @ApiPropertyOptional({ format: 'date' }) validUntil?: string;
  @ApiPropertyOptional({ type: CertificateLinkDto, description: 'The certificate this one replaced (reissue)' })
  replaces?: CertificateLinkDto;
  @ApiPropertyOptional({ type: CertificateLinkDto, description: 'The certificate that replaced this one' })
  replacedBy?: CertificateLinkDto;
}

export class CertificateListEntryDto extends CertificateDto implements CertificateListEntry {
  @ApiPropertyOptional({ format: 'uuid' }) institutionId?: string;
  @ApiPropertyOptional({ example: 'RMUTT' }) institutionCode?: string;
  @ApiProperty({ enum: SUPPORTED_LOCALES, description: 'The default second language of the PDF' }) holderLocale: Locale;
}

export class ReplacementDto {
  @ApiProperty() serial: string;
}

/** What anyone with the code or serial may learn, and nothing more. */
export class VerificationDto implements Verification {
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: CertificateStatus;
  @ApiProperty() serial: string;
  @ApiProperty() holderName: string;
  @ApiPropertyOptional() holderNameLatin?: string;
  @ApiProperty({ type: LocalizedTextDto }) programTitle: LocalizedText;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty() hours: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: LocalizedTextDto }) issuer: LocalizedText;
  @ApiPropertyOptional({ format: 'date' }) validUntil?: string;
  @ApiPropertyOptional() revokedReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
  @ApiPropertyOptional({ type: ReplacementDto, description: 'A reissued certificate names its replacement' })
  replacedBy?: ReplacementDto;
}
