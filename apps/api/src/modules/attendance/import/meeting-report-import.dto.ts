import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTENDANCE_STATUSES,
  IMPORT_MATCH_KINDS,
  MEETING_REPORT_FORMATS,
  MEETING_REPORT_MAX_ROWS,
  type AttendanceImportResult,
  type ImportAssignment,
  type ImportedAmbiguity,
  type ImportedMatch,
  type ImportedPerson,
  type ImportedStatus,
  type ImportMatchKind,
  type MeetingReportFormat,
} from '@skillbridge/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsInt, IsUUID, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Nullable } from '../../../common/validation/nullable';
import { AttendanceSheetDto } from '../dto/attendance.dto';

const IMPORTED_STATUSES = ATTENDANCE_STATUSES.filter((s) => s !== 'excused');

export class ImportAssignmentDto implements ImportAssignment {
  @ApiProperty({ minimum: 2, description: 'The report row of a person (`ImportedPerson.row`)' })
  @IsInt()
  @Min(1)
  row: number;

  @ApiProperty({ format: 'uuid', nullable: true, description: 'A trainee of the register; null leaves the person out' })
  @Nullable()
  @ValidateIf((o: ImportAssignmentDto) => o.traineeId !== null)
  @IsDefined()
  @IsUUID()
  traineeId: string | null;
}

/** The multipart field `assignments` (a JSON array), validated as `assignments`. */
export class ImportAssignmentsDto {
  @IsArray()
  @ArrayMaxSize(MEETING_REPORT_MAX_ROWS)
  @ValidateNested({ each: true })
  @Type(() => ImportAssignmentDto)
  assignments: ImportAssignmentDto[];
}

export class ImportedPersonDto implements ImportedPerson {
  @ApiProperty({ description: 'The row of the person’s first join (the header row is 1)' }) row: number;
  @ApiProperty({ type: [Number] }) rows: number[];
  @ApiProperty() name: string;
  @ApiPropertyOptional({ format: 'email' }) email?: string;
  @ApiProperty({ description: 'Whole minutes inside the session' }) minutes: number;
  @ApiProperty({ format: 'date-time' }) firstJoinAt: string;
  @ApiProperty({ enum: IMPORTED_STATUSES }) status: ImportedStatus;
}

export class ImportedMatchDto extends ImportedPersonDto implements ImportedMatch {
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: IMPORT_MATCH_KINDS }) matchedBy: ImportMatchKind;
}

export class ImportCandidateDto {
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty() fullName: string;
}

export class ImportedAmbiguityDto extends ImportedPersonDto implements ImportedAmbiguity {
  @ApiProperty({ type: [ImportCandidateDto] }) candidates: ImportCandidateDto[];
}

export class AttendanceImportResultDto implements AttendanceImportResult {
  @ApiProperty({ enum: MEETING_REPORT_FORMATS }) format: MeetingReportFormat;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'Data rows read from the file' }) rows: number;
  @ApiProperty({ type: [ImportedMatchDto] }) matched: ImportedMatchDto[];
  @ApiProperty({ type: [ImportedPersonDto] }) unmatched: ImportedPersonDto[];
  @ApiProperty({ type: [ImportedAmbiguityDto] }) ambiguous: ImportedAmbiguityDto[];
  @ApiProperty({ type: [ImportCandidateDto], description: 'Trainees of the register no person matched: absent' })
  missing: ImportCandidateDto[];
  @ApiPropertyOptional({ type: AttendanceSheetDto, description: 'The register as saved (a commit only)' })
  sheet?: AttendanceSheetDto;
}
