import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENROLMENT_BULK_MAX,
  ENROLMENT_REASON_MAX_LENGTH,
  type EnrolmentDecisionRequest,
  type RejectEnrolmentRequest,
  type WithdrawEnrolmentRequest,
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
import { EnrolmentDto } from './enrolment.dto';
import { Trim } from '../../../common/validation/validators';

export class RejectEnrolmentDto implements RejectEnrolmentRequest {
  @ApiProperty({ example: 'Not a student of our university this term' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ENROLMENT_REASON_MAX_LENGTH)
  reason: string;
}

export class WithdrawEnrolmentDto implements WithdrawEnrolmentRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ENROLMENT_REASON_MAX_LENGTH)
  reason?: string;
}

export class EnrolmentDecisionDto implements EnrolmentDecisionRequest {
  @ApiProperty({
    enum: ['approve', 'reject', 'accept'],
    description:
      '`approve` a pending application (a partner of a program with hostReview nominates it); `reject` with a ' +
      'reason (a nominated one: admins only); `accept` a nominated one (admins only): a seat or the wait-list.',
  })
  @IsIn(['approve', 'reject', 'accept'])
  action: 'approve' | 'reject' | 'accept';

  @ApiProperty({ type: [String], format: 'uuid', maxItems: ENROLMENT_BULK_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ENROLMENT_BULK_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  enrolmentIds: string[];

  @ApiPropertyOptional({ description: 'Required to reject' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ENROLMENT_REASON_MAX_LENGTH)
  reason?: string;
}

export class EnrolmentDecisionResultDto {
  @ApiProperty({ type: [EnrolmentDto] })
  items: EnrolmentDto[];
}
