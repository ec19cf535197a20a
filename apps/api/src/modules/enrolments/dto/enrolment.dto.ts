import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_MODES,
  ENROLMENT_STATUSES,
  PROGRAM_KINDS,
  PROGRAM_STATUSES,
  type CountryCode,
  type DeliveryMode,
  type Enrolment,
  type EnrolmentProgramSummary,
  type EnrolmentQueueEntry,
  type EnrolmentStatus,
  type LocalizedText,
  type MyEnrolment,
  type ProgramKind,
  type ProgramStatus,
  type RosterEntry,
} from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class EnrolmentDto implements Enrolment {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) decidedAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The account that decided' }) decidedBy?: string;
  @ApiPropertyOptional() reason?: string;
}

export class RosterEntryDto extends EnrolmentDto implements RosterEntry {
  @ApiProperty() fullName: string;
  @ApiPropertyOptional() fullNameLatin?: string;
  @ApiProperty() email: string;
  @ApiCountryCode() nationality: CountryCode;
  @ApiPropertyOptional({ format: 'uuid' }) institutionId?: string;
  @ApiPropertyOptional({ example: 'RMUTT' }) institutionCode?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) score?: number;
  @ApiPropertyOptional() remarks?: string;
}

export class EnrolmentQueueEntryDto extends RosterEntryDto implements EnrolmentQueueEntry {
  @ApiProperty() programCode: string;
  @ApiProperty({ type: LocalizedTextDto }) programTitle: LocalizedText;
}

class EnrolmentProgramSummaryDto implements EnrolmentProgramSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind: ProgramKind;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedText;
  @ApiProperty({ enum: DELIVERY_MODES }) deliveryMode: DeliveryMode;
  @ApiProperty() timezone: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: ProgramStatus;
}

export class MyEnrolmentDto extends EnrolmentDto implements MyEnrolment {
  @ApiProperty({ type: EnrolmentProgramSummaryDto }) program: EnrolmentProgramSummary;
  @ApiPropertyOptional({ description: '1-based place on the wait-list' }) waitlistPosition?: number;
}
