import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CompletionRule } from '@skillbridge/contracts';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { Nullable } from '../../../common/validation/nullable';
import { MaxDecimalPlaces } from '../../../common/validation/validators';

export class CompletionRuleDto implements CompletionRule {
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    example: 0.75,
    description: 'Share of sessions attended; late counts, excused are left out',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(3)
  @Min(0)
  @Max(1)
  minAttendanceRate: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, type: Number })
  @IsOptional()
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(100)
  passingScore?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 240,
    nullable: true,
    type: Number,
    description: 'Months a certificate stays valid (its validUntil); valid without end when absent',
  })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(240)
  certificateValidityMonths?: number;
}
