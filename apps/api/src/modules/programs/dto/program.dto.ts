import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_MODES,
  PROGRAM_KINDS,
  PROGRAM_STATUSES,
  type DeliveryMode,
  type InstitutionSeats,
  type Program,
  type ProgramKind,
  type ProgramStatus,
  SEAT_SCOPES,
  type Seats,
  type SeatScope,
} from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { AttendanceRuleDto } from './attendance-rule.dto';
import { CompletionRuleDto } from './completion-rule.dto';
import { PartnerQuotaDto } from './partner-quota.dto';

export class SeatsDto implements Seats {
  @ApiProperty() capacity: number;
  @ApiProperty({
    description:
      'Seats still free in the whole program: capacity − confirmed while published, else 0. For partner staff in ' +
      'GET /programs/:id: the seats their own people can still get — the rest of their quota, or of the open seats ' +
      '(capacity − all quotas) when they have none — bounded by the program’s free seats.',
  })
  available: number;
  @ApiProperty({
    enum: SEAT_SCOPES,
    description:
      'Whose enrolments the counts are: `program` (admins, instructors, trainees) or `institution` — partner ' +
      'staff see only their own institution’s people.',
  })
  scope: SeatScope;
  @ApiProperty() confirmed: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() pending: number;
  @ApiProperty({ description: 'Approved by their partner, awaiting the host (programs with hostReview).' })
  nominated: number;
  @ApiPropertyOptional({
    type: () => [InstitutionSeatsDto],
    description:
      'GET /programs/:id only: admins get a line per institution with a quota or with people in the program; ' +
      'partner staff only their own institution’s line.',
  })
  byInstitution?: InstitutionSeatsDto[];
}

export class InstitutionSeatsDto implements InstitutionSeats {
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiPropertyOptional({ description: 'Absent when the institution has no quota.' }) quota?: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() pending: number;
  @ApiProperty() nominated: number;
}

export class ProgramDto implements Program {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind: ProgramKind;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto }) summary?: LocalizedTextDto;
  @ApiProperty({ enum: DELIVERY_MODES }) deliveryMode: DeliveryMode;
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiPropertyOptional() venue?: string;
  @ApiPropertyOptional({
    description:
      'The online meeting link, only for those who may join: admins, instructors of any of its sessions, trainees ' +
      'with a confirmed enrolment and partner staff of their institutions. Absent for everyone else.',
  })
  meetingUrl?: string;
  @ApiProperty() capacity: number;
  @ApiPropertyOptional({ format: 'date-time' }) enrolmentOpensAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) enrolmentClosesAt?: string;
  @ApiProperty({ format: 'uuid' }) hostInstitutionId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partnerInstitutionIds: string[];
  @ApiProperty({ type: CompletionRuleDto }) completionRule: CompletionRuleDto;
  @ApiProperty({ type: AttendanceRuleDto }) attendanceRule: AttendanceRuleDto;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: ProgramStatus;
  @ApiProperty({ type: SeatsDto }) seats: SeatsDto;
  @ApiProperty({
    type: [PartnerQuotaDto],
    description: 'The partners’ quotas; partner staff see only their own institution’s.',
  })
  partnerQuotas: PartnerQuotaDto[];
  @ApiProperty() hostReview: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
