import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_MODES,
  PROGRAM_CAPACITY_MAX,
  PROGRAM_CODE_PATTERN,
  PROGRAM_KINDS,
  PROGRAM_SUMMARY_MAX_LENGTH,
  PROGRAM_TITLE_MAX_LENGTH,
  type CreateProgramRequest,
  type DeliveryMode,
  type LocalizedText,
  type ProgramKind,
} from '@skillbridge/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { Nullable } from '../../../common/validation/nullable';
import {
  IsCalendarDate,
  IsInstant,
  IsLocalizedText,
  NormalizeLocalizedText,
  Trim,
} from '../../../common/validation/validators';
import { AttendanceRuleDto } from './attendance-rule.dto';
import { CompletionRuleDto } from './completion-rule.dto';
import { PartnerQuotaDto } from './partner-quota.dto';

export class CreateProgramDto implements CreateProgramRequest {
  @ApiProperty({ example: 'TRPC-TH-2024-09', pattern: PROGRAM_CODE_PATTERN.source })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(PROGRAM_CODE_PATTERN)
  code: string;

  @ApiProperty({ enum: PROGRAM_KINDS })
  @IsIn(PROGRAM_KINDS)
  kind: ProgramKind;

  @ApiProperty({ type: LocalizedTextDto })
  @NormalizeLocalizedText()
  @IsLocalizedText(PROGRAM_TITLE_MAX_LENGTH)
  title: LocalizedText;

  @ApiPropertyOptional({ type: LocalizedTextDto, nullable: true })
  @IsOptional()
  @Nullable()
  @NormalizeLocalizedText()
  @IsLocalizedText(PROGRAM_SUMMARY_MAX_LENGTH)
  summary?: LocalizedText;

  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES)
  deliveryMode: DeliveryMode;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone of the dates and the agenda' })
  @IsTimeZone()
  timezone: string;

  @ApiProperty({ example: '2024-09-03', format: 'date' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: '2024-09-05', format: 'date' })
  @IsCalendarDate()
  endDate: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Tongren Polytechnic College, Building 3' })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://meeting.example.edu.cn/room/4821' })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  meetingUrl?: string;

  @ApiProperty({ minimum: 1, maximum: PROGRAM_CAPACITY_MAX })
  @IsInt()
  @Min(1)
  @Max(PROGRAM_CAPACITY_MAX)
  capacity: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @Nullable()
  @IsInstant()
  enrolmentOpensAt?: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @Nullable()
  @IsInstant()
  enrolmentClosesAt?: string;

  @ApiProperty({ format: 'uuid', description: 'A host institution' })
  @IsUUID()
  hostInstitutionId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Partner institutions; none means open to all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  partnerInstitutionIds?: string[];

  @ApiPropertyOptional({ type: CompletionRuleDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CompletionRuleDto)
  completionRule?: CompletionRuleDto;

  @ApiPropertyOptional({
    type: AttendanceRuleDto,
    description: 'Default { minMinutesPresentRate: 0.8, graceMinutes: 10 }',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttendanceRuleDto)
  attendanceRule?: AttendanceRuleDto;

  @ApiPropertyOptional({
    type: [PartnerQuotaDto],
    description:
      'Seats kept for partner institutions (default none): their sum ≤ capacity, each a partner institution ' +
      '(one of partnerInstitutionIds when that is set), each once. The rest is open to everyone else.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique((quota: PartnerQuotaDto) => quota?.institutionId)
  @ValidateNested({ each: true })
  @Type(() => PartnerQuotaDto)
  partnerQuotas?: PartnerQuotaDto[];

  @ApiPropertyOptional({
    description: 'Default false. When on, a partner’s approval makes an enrolment `nominated` and the host accepts it.',
  })
  @IsOptional()
  @IsBoolean()
  hostReview?: boolean;
}
