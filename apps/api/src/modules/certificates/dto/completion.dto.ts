import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CompletionLine,
  CompletionPreview,
  CompletionResult,
  CompletionShortfall,
  SelectionResult,
} from '@skillbridge/contracts';

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

export class CompletionPreviewDto implements CompletionPreview {
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ description: 'Sessions of the program' }) sessions: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) minAttendanceRate: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) passingScore?: number;
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
