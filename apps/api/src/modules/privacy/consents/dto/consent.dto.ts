import { ApiProperty } from '@nestjs/swagger';
import {
  CONSENT_COLLECTION,
  CONSENT_PURPOSES,
  CONSENT_SOURCES,
  SENSITIVE_PURPOSES,
  type ConsentCollection,
  type ConsentGrant,
  type ConsentPurpose,
  type ConsentRecordView,
  type ConsentSource,
  type LocalizedText,
  type LogisticsConsentRecordView,
  type MyConsents,
  type SensitivePurpose,
} from '@skillbridge/contracts';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { LocalizedTextDto } from '../../../../common/openapi/localized-text.dto';

/** One consent given, to the notice version shown (registration, profile page). */
export class ConsentGrantDto implements ConsentGrant {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiProperty({ example: '2026-12', description: 'The version of the privacy notice the person was shown' })
  @IsString()
  @MaxLength(32)
  noticeVersion: string;
}

export class ConsentRecordViewDto implements ConsentRecordView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose: ConsentPurpose;
  @ApiProperty({ example: '2026-12' }) noticeVersion: string;
  @ApiProperty({ enum: CONSENT_SOURCES }) source: ConsentSource;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ description: 'Withdrawing it means erasure: the page offers the erasure request instead' })
  erasureOnWithdrawal: boolean;
}

export class LogisticsConsentRecordViewDto implements LogisticsConsentRecordView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: LocalizedTextDto }) programTitle: LocalizedText;
  @ApiProperty({ enum: SENSITIVE_PURPOSES }) purpose: SensitivePurpose;
  @ApiProperty() noticeVersion: string;
  @ApiProperty({ enum: CONSENT_COLLECTION }) collected: ConsentCollection;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt: string | null;
}

export class MyConsentsDto implements MyConsents {
  @ApiProperty({
    type: [ConsentRecordViewDto],
    description: 'The consents of issue 23, given and withdrawn, newest first',
  })
  consents: ConsentRecordView[];

  @ApiProperty({
    type: [LogisticsConsentRecordViewDto],
    description:
      'The separate consents of camp logistics (passport, dietary), per enrolment; withdrawing one deletes the data it allowed',
  })
  logistics: LogisticsConsentRecordView[];
}
