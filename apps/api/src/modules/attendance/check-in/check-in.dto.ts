import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTENDANCE_STATUSES,
  CHECK_IN_MAX_MINUTES,
  type AttendanceStatus,
  type CheckInCode,
  type CheckInEntry,
  type CheckInRequest,
  type CheckInResult,
  type CheckInState,
  type CheckInWindow,
  type LocalizedText,
  type OpenCheckInRequest,
} from '@skillbridge/contracts';
import { IsDefined, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { Trim } from '../../../common/validation/validators';

export class OpenCheckInDto implements OpenCheckInRequest {
  @ApiProperty({ minimum: 1, maximum: CHECK_IN_MAX_MINUTES, example: 15 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(CHECK_IN_MAX_MINUTES)
  minutes: number;
}

export class CheckInRequestDto implements CheckInRequest {
  @ApiProperty({
    example: 'K7M4QX9P',
    maxLength: 32,
    description: 'The code of the QR, or as typed (spaces, dashes and case do not matter)',
  })
  @Trim()
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  code: string;
}

export class CheckInWindowDto implements CheckInWindow {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
}

export class CheckInCodeDto implements CheckInCode {
  @ApiProperty({ example: 'K7M4QX9P' }) code: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'uri' }) url: string;
}

const CHECK_IN_STATUSES = ['present', 'late'] as const;

export class CheckInResultDto implements CheckInResult {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ enum: CHECK_IN_STATUSES }) status: 'present' | 'late';
  @ApiProperty({ format: 'date-time' }) checkedInAt: string;
  @ApiPropertyOptional({
    enum: ATTENDANCE_STATUSES,
    description: 'The register’s mark when an instructor’s earlier present, late or excused mark was kept',
  })
  keptMark?: AttendanceStatus;
  @ApiPropertyOptional({ type: LocalizedTextDto }) sessionTitle?: LocalizedText;
  @ApiPropertyOptional({ format: 'date-time' }) startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) endsAt?: string;
  @ApiPropertyOptional({ example: 'Asia/Shanghai' }) timezone?: string;
}

export class CheckInEntryDto implements CheckInEntry {
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional() fullNameLatin?: string;
  @ApiProperty({ enum: CHECK_IN_STATUSES }) status: 'present' | 'late';
  @ApiProperty({ format: 'date-time' }) checkedInAt: string;
}

export class CheckInStateDto implements CheckInState {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() open: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) openedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) closesAt?: string;
  @ApiProperty({ description: 'Confirmed trainees of the program' }) expected: number;
  @ApiProperty({ type: [CheckInEntryDto], description: 'Newest first' }) checkIns: CheckInEntry[];
}
