import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  LOGISTICS_ITEMS,
  LOGISTICS_GENDERS,
  type LogisticsGender,
  type LogisticsItem,
  type LogisticsStatusEntry,
  type LogisticsStatusQuery,
  type LogisticsWarning,
} from '@skillbridge/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

/** `GET /programs/:id/logistics` */
export class LogisticsStatusQueryDto extends ListQueryDto implements LogisticsStatusQuery {
  @ApiPropertyOptional({ description: 'Only those with everything (true) or with something missing (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  complete?: boolean;

  @ApiPropertyOptional({ enum: LOGISTICS_ITEMS, description: 'Only those missing this item' })
  @IsOptional()
  @IsIn(LOGISTICS_ITEMS)
  missing?: LogisticsItem;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only trainees of this institution' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

export class LogisticsStatusEntryDto implements LogisticsStatusEntry {
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional() fullNameLatin?: string;
  @ApiPropertyOptional({ format: 'uuid' }) institutionId?: string;
  @ApiProperty() complete: boolean;
  @ApiProperty({ enum: LOGISTICS_ITEMS, isArray: true }) missing: LogisticsItem[];
  @ApiProperty({ enum: ['PASSPORT_EXPIRES_SOON'], isArray: true }) warnings: LogisticsWarning[];
  @ApiPropertyOptional({ enum: LOGISTICS_GENDERS }) gender?: LogisticsGender;
  @ApiPropertyOptional({ format: 'date-time' }) arrivalAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) roomId?: string;
}
