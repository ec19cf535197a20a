import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSESSMENT_REMARKS_MAX_LENGTH,
  ATTENDANCE_STATUSES,
  type AssessmentRequest,
  type AttendanceMark,
  type AttendanceStatus,
} from '@skillbridge/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MaxDecimalPlaces, Trim } from '../../../common/validation/validators';

export class AttendanceMarkDto implements AttendanceMark {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  traineeId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;
}

/** The body of `PUT /sessions/:id/attendance` is a bare array; it is validated as `marks`. */
export class AttendanceSheetDto {
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceMarkDto)
  marks: AttendanceMarkDto[];
}

export class AssessmentDto implements AssessmentRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 86.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(100)
  score: number;

  @ApiPropertyOptional({ maxLength: ASSESSMENT_REMARKS_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ASSESSMENT_REMARKS_MAX_LENGTH)
  remarks?: string;
}
