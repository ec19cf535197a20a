import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PROGRAM_TITLE_MAX_LENGTH,
  SESSION_TYPES,
  type CreateSessionRequest,
  type LocalizedText,
  type SessionType,
} from '@skillbridge/contracts';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { Nullable } from '../../../common/validation/nullable';
import { IsInstant, IsLocalizedText, NormalizeLocalizedText, Trim } from '../../../common/validation/validators';

export class CreateSessionDto implements CreateSessionRequest {
  @ApiProperty({ type: LocalizedTextDto, example: { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชา' } })
  @NormalizeLocalizedText()
  @IsLocalizedText(PROGRAM_TITLE_MAX_LENGTH)
  title: LocalizedText;

  @ApiProperty({ enum: SESSION_TYPES })
  @IsIn(SESSION_TYPES)
  type: SessionType;

  @ApiProperty({ format: 'date-time', example: '2024-09-03T09:00:00+08:00' })
  @IsInstant()
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2024-09-03T11:30:00+08:00' })
  @IsInstant()
  endsAt: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  instructorIds?: string[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  meetingUrl?: string;
}
