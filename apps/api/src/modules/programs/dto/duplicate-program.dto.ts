import { ApiProperty } from '@nestjs/swagger';
import {
  PROGRAM_CODE_PATTERN,
  type DuplicateClash,
  type DuplicatedProgram,
  type DuplicateProgramRequest,
} from '@skillbridge/contracts';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/validators';
import { ProgramDto } from './program.dto';

/** A new code and start date for a copy of a program (POST /programs/:id/duplicate). */
export class DuplicateProgramDto implements DuplicateProgramRequest {
  @ApiProperty({ example: 'TRPC-TH-2025-09', pattern: PROGRAM_CODE_PATTERN.source })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(PROGRAM_CODE_PATTERN)
  code: string;

  @ApiProperty({ example: '2025-09-02', format: 'date', description: 'The copy’s first day, in the program’s zone' })
  @IsCalendarDate()
  startDate: string;
}

export class DuplicateClashDto implements DuplicateClash {
  @ApiProperty({ format: 'uuid', description: 'The copied session, kept without that instructor' })
  sessionId: string;
  @ApiProperty({ format: 'uuid' }) instructorId: string;
  @ApiProperty({ format: 'uuid', description: 'The instructor’s other session at that time' })
  clashingSessionId: string;
}

export class DuplicatedProgramDto extends ProgramDto implements DuplicatedProgram {
  @ApiProperty({
    type: () => [DuplicateClashDto],
    description: 'Instructors left off a copied session because they teach another one at that time.',
  })
  clashes: DuplicateClashDto[];
}
