import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CERTIFICATE_STATUSES,
  REVOKE_REASON_MAX_LENGTH,
  SELECTION_MAX,
  SUPPORTED_LOCALES,
  type CertificateListQuery,
  type CertificateStatus,
  type Locale,
  type ReissueCertificateRequest,
  type RevokeCertificateRequest,
  type SelectionRequest,
} from '@skillbridge/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { Trim } from '../../../common/validation/validators';

export class CertificateListQueryDto extends ListQueryDto implements CertificateListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES)
  status?: CertificateStatus;

  @ApiPropertyOptional({ description: 'Part of the holder’s name (either script) or of the serial' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MyCertificatesQueryDto extends ListQueryDto {}

export class CertificatePdfQueryDto {
  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES, description: 'Second language beside Chinese; default the holder’s' })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  lang?: Locale;
}

export class RevokeCertificateDto implements RevokeCertificateRequest {
  @ApiProperty({ example: 'Issued in error: attendance records were corrected' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(REVOKE_REASON_MAX_LENGTH)
  reason: string;
}

export class ReissueCertificateDto implements ReissueCertificateRequest {
  @ApiProperty({ example: 'Name corrected: the passport spells it Nguyễn Thị Thu Hằng' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(REVOKE_REASON_MAX_LENGTH)
  reason: string;
}

export class SelectionDto implements SelectionRequest {
  @ApiProperty({ format: 'uuid', description: 'The program whose completers are chosen' })
  @IsUUID()
  fromProgramId: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: SELECTION_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SELECTION_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  traineeIds: string[];
}
