import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ReportPeriodQuery } from '@skillbridge/contracts';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/validators';

export class ReportPeriodQueryDto implements ReportPeriodQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Programs ending on or after; certificates issued on or after' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Programs starting on or before; certificates issued on or before',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
