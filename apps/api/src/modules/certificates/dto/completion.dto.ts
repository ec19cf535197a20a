import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CompletionLine,
  CompletionPreview,
  CompletionResult,
  CompletionShortfall,
  LocalizedText,
  SelectionResult,
  UnmarkedSession,
} from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';

/** Every CompletionShortfall, checked against the type (a new one must be added here). */
const SHORTFALLS = Object.keys({
  attendance: true,
  'no-attended-session': true,
  'no-score': true,
  score: true,
} satisfies Record<CompletionShortfall, true>);

export class CompletionLineDto implements CompletionLine {
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional() fullNameLatin?: string;
  @ApiPropertyOptional({ example: 'RMUTT' }) institutionCode?: string;
  @ApiProperty({ description: 'Sessions that count (excused ones are left out)' }) countedSessions: number;
  @ApiProperty({ description: 'Present or late' }) attendedSessions: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Attended / counted; absent when no session counts' })
  attendanceRate?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) score?: number;
  @ApiProperty() completes: boolean;
  @ApiProperty({ enum: SHORTFALLS, isArray: true, description: 'The rules the trainee misses' })
  shortfalls: CompletionShortfall[];
}

export class UnmarkedSessionDto implements UnmarkedSession {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedText;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
}

export class CompletionPreviewDto implements CompletionPreview {
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ description: 'Sessions of the program' }) sessions: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) minAttendanceRate: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) passingScore?: number;
  @ApiProperty({
    format: 'date-time',
    description:
      'When the program may be closed: the end of its last session not cancelled (of its last day without sessions); earlier → 409 PROGRAM_NOT_ENDED',
  })
  endsAt: string;
  @ApiProperty({
    type: [UnmarkedSessionDto],
    description: 'Sessions not cancelled in which no attendance was taken, by start',
  })
  sessionsWithoutAttendance: UnmarkedSessionDto[];
  @ApiProperty({ type: [CompletionLineDto] }) lines: CompletionLineDto[];
}

export class CompletionResultDto implements CompletionResult {
  @ApiProperty() completed: number;
  @ApiProperty() notCompleted: number;
  @ApiProperty({ description: 'Issued by this call (0 when run again)' }) certificatesIssued: number;
}

export class SelectionResultDto implements SelectionResult {
  @ApiProperty() enrolled: number;
}
