import { ApiProperty } from '@nestjs/swagger';
import { SESSION_CANCEL_REASON_MAX_LENGTH, type CancelSessionRequest } from '@skillbridge/contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../../common/validation/validators';

export class CancelSessionDto implements CancelSessionRequest {
  @ApiProperty({ example: 'The guest lecturer’s flight was cancelled', maxLength: SESSION_CANCEL_REASON_MAX_LENGTH })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SESSION_CANCEL_REASON_MAX_LENGTH)
  reason: string;
}
