import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SESSION_STATUSES,
  SESSION_TYPES,
  type Session,
  type SessionInstructorRef,
  type SessionStatus,
  type SessionType,
} from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';

export class SessionInstructorRefDto implements SessionInstructorRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional({ description: 'The name in Latin letters, when the profile has one.' }) fullNameLatin?: string;
}

export class SessionDto implements Session {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty({ enum: SESSION_TYPES }) type: SessionType;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: [String], format: 'uuid' }) instructorIds: string[];
  @ApiProperty({ type: [SessionInstructorRefDto] }) instructors: SessionInstructorRefDto[];
  @ApiPropertyOptional() venue?: string;
  @ApiPropertyOptional({
    description:
      'The online meeting link, only for those who may join: admins, this session’s instructors, trainees with a ' +
      'confirmed enrolment in the program and partner staff of their institutions. Absent for everyone else.',
  })
  meetingUrl?: string;
  @ApiProperty({
    enum: SESSION_STATUSES,
    description: '`cancelled` once an admin called it off; it stays in agendas and calendars, marked cancelled.',
  })
  status: SessionStatus;
  @ApiPropertyOptional({ description: 'Why it was cancelled (only when cancelled).' }) cancelledReason?: string;
}
