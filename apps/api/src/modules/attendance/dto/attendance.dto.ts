import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSESSMENT_REMARKS_MAX_LENGTH,
  ATTENDANCE_SOURCES,
  ATTENDANCE_STATUSES,
  type Assessment,
  type AssessmentItem,
  type AssessmentRequest,
  type BulkAssessmentRequest,
  type BulkAssessmentResult,
  type AttendanceLine,
  type AttendanceMark,
  type AttendanceMarkPatch,
  type AttendanceSheet,
  type AttendanceSource,
  type AttendanceStatus,
  type CountryCode,
} from '@skillbridge/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';
import { Nullable } from '../../../common/validation/nullable';
import { MaxDecimalPlaces, Trim } from '../../../common/validation/validators';

export class AttendanceMarkDto implements AttendanceMark {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  traineeId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;
}

/** `PATCH /sessions/:id/attendance/:traineeId`: one trainee's mark. */
export class AttendanceMarkPatchDto implements AttendanceMarkPatch {
  @ApiProperty({ enum: ATTENDANCE_STATUSES, nullable: true, description: 'The new mark; null clears it' })
  @Nullable()
  @ValidateIf((_object, value) => value !== null)
  @IsDefined()
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus | null;

  @ApiPropertyOptional({
    enum: ATTENDANCE_STATUSES,
    nullable: true,
    description:
      'The mark this change was made over (null: none). When the register now holds another → 412 ATTENDANCE_CHANGED with `current`, the line as it is; left out: no check',
  })
  @IsOptional()
  @Nullable()
  @IsIn(ATTENDANCE_STATUSES)
  previous?: AttendanceStatus | null;
}

/** The body of `PUT /sessions/:id/attendance` is a bare array; it is validated as `marks`. */
export class AttendanceMarksDto {
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceMarkDto)
  marks: AttendanceMarkDto[];
}

export class AssessmentRequestDto implements AssessmentRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 86.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(100)
  score: number;

  @ApiPropertyOptional({ maxLength: ASSESSMENT_REMARKS_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ASSESSMENT_REMARKS_MAX_LENGTH)
  remarks?: string;
}

export class AttendanceLineDto implements AttendanceLine {
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional() fullNameLatin?: string;
  @ApiCountryCode() nationality: CountryCode;
  @ApiPropertyOptional({ example: 'RMUTT' }) institutionCode?: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, nullable: true, description: 'null: not marked yet' })
  status: AttendanceStatus | null;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the mark was last changed' }) recordedAt?: string;
  @ApiPropertyOptional({
    enum: ATTENDANCE_SOURCES,
    description: 'How the mark was last written: the register, a QR check-in, a meeting report',
  })
  source?: AttendanceSource;
}

/** The register of a session: every confirmed trainee of the program with their mark. */
export class AttendanceSheetDto implements AttendanceSheet {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the register was last saved, if ever' })
  updatedAt?: string;
  @ApiProperty({
    format: 'date-time',
    description:
      'From when marks may be written (shortly before the session starts); earlier → 409 SESSION_NOT_STARTED',
  })
  opensAt: string;
  @ApiProperty({
    description:
      'The register’s version, also its ETag: send it as If-Match with a PUT; a register changed meanwhile → 412 ATTENDANCE_CHANGED',
    example: 'q3Vb1x0sZ2m9TqF8yYhN4w',
  })
  version: string;
  @ApiProperty({ type: [AttendanceLineDto] }) lines: AttendanceLineDto[];
}

export class AssessmentDto implements Assessment {
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiPropertyOptional() remarks?: string;
  @ApiProperty({ format: 'date-time' }) assessedAt: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The account that recorded it' }) assessedBy?: string;
}

export class AssessmentItemDto extends AssessmentRequestDto implements AssessmentItem {
  @ApiProperty({ format: 'uuid', description: 'An enrolment of this program' })
  @IsUUID()
  enrolmentId: string;
}

/** Scores of several trainees of one program, saved together or not at all. */
export class BulkAssessmentRequestDto implements BulkAssessmentRequest {
  @ApiProperty({ type: [AssessmentItemDto], minItems: 1, maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AssessmentItemDto)
  assessments: AssessmentItemDto[];
}

export class BulkAssessmentResultDto implements BulkAssessmentResult {
  @ApiProperty({ type: [AssessmentDto] }) assessments: AssessmentDto[];
}
