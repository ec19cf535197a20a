import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENROLMENT_STATUSES,
  PROGRAM_KINDS,
  PROGRAM_STATUSES,
  type CountByKey,
  type CountryCode,
  type EnrolmentStatus,
  type FunnelCounts,
  type InstitutionCount,
  type LocalizedText,
  type MonthCount,
  type ProgramKind,
  type ProgramOutcome,
  type ProgramReport,
  type ProgramStatus,
  type ReportOverview,
  type SeatsOnDay,
  type SessionAttendance,
} from '@skillbridge/contracts';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';

class ReportTotalsDto {
  @ApiProperty({ description: 'Programs whose dates overlap the period' }) programs: number;
  @ApiProperty({ description: 'Distinct trainees enrolled in the period’s programs' }) trainees: number;
  @ApiProperty({ description: 'Enrolments in the period’s programs, whatever their status' }) enrolments: number;
  @ApiProperty({ description: 'Valid (not revoked) certificates of the period’s programs, whenever issued' })
  certificates: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Over the closed programs of the period' })
  completionRate?: number;
}

class ProgramsByKindAndStatusDto {
  @ApiProperty({ enum: PROGRAM_KINDS }) kind: ProgramKind;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: ProgramStatus;
  @ApiProperty() count: number;
}

class NationalityCountDto implements CountByKey<CountryCode> {
  @ApiCountryCode() key: CountryCode;
  @ApiProperty() count: number;
}

class EnrolmentStatusCountDto implements CountByKey<EnrolmentStatus> {
  @ApiProperty({ enum: ENROLMENT_STATUSES }) key: EnrolmentStatus;
  @ApiProperty() count: number;
}

class InstitutionCountDto implements InstitutionCount {
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent for trainees of no institution' }) institutionId?: string;
  @ApiPropertyOptional({ example: 'RMUTT' }) institutionCode?: string;
  @ApiPropertyOptional({ type: LocalizedTextDto }) institutionName?: LocalizedText;
  @ApiProperty() count: number;
}

class ProgramOutcomeDto implements ProgramOutcome {
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedText;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind: ProgramKind;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: ProgramStatus;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() capacity: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() completed: number;
  @ApiProperty() notCompleted: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'completed / (completed + not-completed), once closed' })
  completionRate?: number;
  @ApiProperty() certificates: number;
}

class MonthCountDto implements MonthCount {
  @ApiProperty({ example: '2024-09', pattern: '^\\d{4}-\\d{2}$' }) month: string;
  @ApiProperty({ description: 'Certificates of the period’s programs issued that month (UTC) and still valid' })
  issued: number;
  @ApiProperty({ description: 'Issued that month and revoked since' }) revoked: number;
}

export class ReportOverviewDto implements ReportOverview {
  @ApiPropertyOptional({ format: 'date' }) from?: string;
  @ApiPropertyOptional({ format: 'date' }) to?: string;
  @ApiProperty({ type: ReportTotalsDto }) totals: ReportTotalsDto;
  @ApiProperty({ type: [ProgramsByKindAndStatusDto] }) programsByKindAndStatus: ProgramsByKindAndStatusDto[];
  @ApiProperty({ type: [NationalityCountDto] }) traineesByNationality: NationalityCountDto[];
  @ApiProperty({ type: [InstitutionCountDto] }) traineesByInstitution: InstitutionCountDto[];
  @ApiProperty({ type: [EnrolmentStatusCountDto] }) enrolmentsByStatus: EnrolmentStatusCountDto[];
  @ApiProperty({ type: [ProgramOutcomeDto] }) programs: ProgramOutcomeDto[];
  @ApiProperty({ type: [MonthCountDto] }) certificatesByMonth: MonthCountDto[];
}

class FunnelCountsDto implements FunnelCounts {
  @ApiProperty({ description: 'Every application or enrolment, whatever became of it' }) applied: number;
  @ApiProperty({ description: 'Given a seat (confirmed, completed or not-completed)' }) confirmed: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'Certificates issued and not revoked' }) certified: number;
}

class SessionAttendanceDto implements SessionAttendance {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedText;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty() present: number;
  @ApiProperty() late: number;
  @ApiProperty() absent: number;
  @ApiProperty() excused: number;
  @ApiProperty() unmarked: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: '(present + late) / (marked − excused)' }) rate?: number;
}

class SeatsOnDayDto implements SeatsOnDay {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() applied: number;
  @ApiProperty() confirmed: number;
}

class InstitutionFunnelDto extends FunnelCountsDto {
  @ApiPropertyOptional({ format: 'uuid' }) institutionId?: string;
  @ApiPropertyOptional({ example: 'RMUTT' }) institutionCode?: string;
  @ApiPropertyOptional({ type: LocalizedTextDto }) institutionName?: LocalizedText;
}

class NationalityFunnelDto extends FunnelCountsDto {
  @ApiCountryCode() nationality: CountryCode;
}

export class ProgramReportDto implements ProgramReport {
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedText;
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'True when a partner sees only its own institution’s people' })
  scopedToInstitution: boolean;
  @ApiProperty({ type: FunnelCountsDto }) funnel: FunnelCountsDto;
  @ApiProperty({ type: [SeatsOnDayDto], description: 'Cumulative, per day in the program’s zone' })
  seatsOverTime: SeatsOnDayDto[];
  @ApiProperty({ type: [SessionAttendanceDto] }) attendanceBySession: SessionAttendanceDto[];
  @ApiProperty({ type: [InstitutionFunnelDto] }) byInstitution: InstitutionFunnelDto[];
  @ApiProperty({ type: [NationalityFunnelDto] }) byNationality: NationalityFunnelDto[];
}
