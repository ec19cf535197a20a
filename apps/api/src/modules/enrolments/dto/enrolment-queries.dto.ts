import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENROLMENT_STATUSES,
  type CountryCode,
  type EnrolmentQueueQuery,
  type EnrolmentStatus,
  type RosterQuery,
} from '@skillbridge/contracts';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { IsCountryCode, Trim } from '../../../common/validation/validators';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class RosterQueryDto extends ListQueryDto implements RosterQuery {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiCountryCode({ required: false })
  @IsOptional()
  @IsCountryCode()
  nationality?: CountryCode;

  @ApiPropertyOptional({ description: 'Part of the name in either script, or of the e-mail' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class EnrolmentQueueQueryDto extends ListQueryDto implements EnrolmentQueueQuery {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ description: 'Part of the name in either script, or of the e-mail' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MyEnrolmentsQueryDto extends ListQueryDto {}
