import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_MODES,
  PROGRAM_KINDS,
  SESSION_STATUSES,
  SESSION_TYPES,
  SUPPORTED_LOCALES,
  type Locale,
  type DeliveryMode,
  type ProgramKind,
  type PublicProgram,
  type PublicProgramDetail,
  type PublicProgramListQuery,
  type PublicSession,
  type SessionStatus,
  type SessionType,
} from '@skillbridge/contracts';
import { IsIn, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { isCalendarDate, Trim } from '../../../common/validation/validators';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date `YYYY-MM-DD`, or an instant with `Z` or an offset (what a date picker or a clock gives). */
export function isDateOrInstant(value: unknown): value is string {
  return (
    isCalendarDate(value) || (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
  );
}

const IsDateOrInstant = () =>
  ValidateBy(
    { name: 'isDateOrInstant', validator: { validate: isDateOrInstant } },
    {
      message: ({ property }) => `${property} must be a date (YYYY-MM-DD) or an instant with an offset`,
    },
  );

export class PublicProgramListQueryDto extends ListQueryDto implements PublicProgramListQuery {
  @ApiPropertyOptional({ enum: PROGRAM_KINDS })
  @IsOptional()
  @IsIn(PROGRAM_KINDS)
  kind?: ProgramKind;

  @ApiPropertyOptional({ description: 'Part of the code or of the title in any language' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description: 'Programs ending on or after this date (YYYY-MM-DD) or instant (its date in the program’s zone)',
    example: '2026-12-07',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'Programs starting on or before this date (YYYY-MM-DD) or instant (its date in the program’s zone)',
    example: '2027-06-30',
  })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
}

class PublicHostDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;
}

class PublicSeatsDto {
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Seats anyone may still be given (outside the partners’ unused quotas)' })
  available: number;
}

export class PublicProgramDto implements PublicProgram {
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
  @ApiPropertyOptional({ format: 'date-time' }) enrolmentOpensAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) enrolmentClosesAt?: string;
  @ApiProperty({ type: PublicHostDto }) hostInstitution: PublicHostDto;
  @ApiProperty({ type: PublicSeatsDto }) seats: PublicSeatsDto;
}

export class PublicSessionDto implements PublicSession {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty({ enum: SESSION_TYPES }) type: SessionType;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiPropertyOptional() venue?: string;
  @ApiProperty({ enum: SESSION_STATUSES, description: 'cancelled sessions stay in the agenda, marked' })
  status: SessionStatus;
}

export class PublicProgramDetailDto extends PublicProgramDto implements PublicProgramDetail {
  @ApiProperty({ type: [PublicSessionDto] }) sessions: PublicSessionDto[];
}

/** `?lang=` of the share image and the poster: one of ours, else the caller's Accept-Language. */
export class PublicMediaQueryDto {
  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES, description: 'Default: the best of Accept-Language, else en' })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  lang?: Locale;
}
