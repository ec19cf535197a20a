import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../../common/validation/validators';

export class TimetableQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (default: now)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Until this instant (default: eight weeks after from; at most a year)',
  })
  @IsOptional()
  @IsInstant()
  to?: string;
}
