import { ApiProperty } from '@nestjs/swagger';
import { ATTENDANCE_RULE_MAX_GRACE_MINUTES, type AttendanceRule } from '@skillbridge/contracts';
import { IsDefined, IsInt, IsNumber, Max, Min } from 'class-validator';
import { MaxDecimalPlaces } from '../../../common/validation/validators';

export class AttendanceRuleDto implements AttendanceRule {
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    example: 0.8,
    description: 'Meeting reports: present at this share of the session’s minutes',
  })
  @IsDefined()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(3)
  @Min(0)
  @Max(1)
  minMinutesPresentRate: number;

  @ApiProperty({
    minimum: 0,
    maximum: ATTENDANCE_RULE_MAX_GRACE_MINUTES,
    example: 10,
    description: 'Meeting reports and QR check-in: late when the first join is after the start + these minutes',
  })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(ATTENDANCE_RULE_MAX_GRACE_MINUTES)
  graceMinutes: number;
}
