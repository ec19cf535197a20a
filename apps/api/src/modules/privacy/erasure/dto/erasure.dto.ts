import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PRIVACY_REFUSAL_REASON_MAX_LENGTH,
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATUSES,
  type ErasureRequestBody,
  type PrivacyRequest,
  type PrivacyRequestKind,
  type PrivacyRequestListQuery,
  type PrivacyRequestStatus,
  type RefusePrivacyRequestBody,
} from '@skillbridge/contracts';
import { IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../../common/pagination/list-query.dto';
import { Trim } from '../../../../common/validation/validators';

export class ErasureRequestDto implements ErasureRequestBody {
  @ApiProperty({
    description:
      'true: the certificates stay verifiable with the name as issued; false: they are revoked and their names erased too',
  })
  @IsDefined()
  @IsBoolean()
  keepCertificatesVerifiable: boolean;
}

export class RefusePrivacyRequestDto implements RefusePrivacyRequestBody {
  @ApiProperty({ example: 'The certificates must stay on record for the scholarship audit until 2027.' })
  @Trim()
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PRIVACY_REFUSAL_REASON_MAX_LENGTH)
  reason: string;
}

export class PrivacyRequestListQueryDto extends ListQueryDto implements PrivacyRequestListQuery {
  @ApiPropertyOptional({ enum: PRIVACY_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(PRIVACY_REQUEST_STATUSES)
  status?: PrivacyRequestStatus;
}

export class PrivacyRequestDto implements PrivacyRequest {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) traineeId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The person’s address while the request is open' })
  email: string | null;
  @ApiProperty({ enum: PRIVACY_REQUEST_KINDS }) kind: PrivacyRequestKind;
  @ApiProperty() keepCertificatesVerifiable: boolean;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ enum: ['self', 'partner', 'admin'] }) requestedBy: 'self' | 'partner' | 'admin';
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: PRIVACY_REQUEST_STATUSES }) status: PrivacyRequestStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) refusalReason: string | null;
}
