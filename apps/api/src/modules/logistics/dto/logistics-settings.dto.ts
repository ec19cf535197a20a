import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ARRIVAL_POINTS_MAX,
  LOGISTICS_ITEMS,
  LOGISTICS_TEXT_MAX_LENGTH,
  type LogisticsItem,
  type LogisticsSettings,
} from '@skillbridge/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Nullable } from '../../../common/validation/nullable';
import { IsCalendarDate } from '../../../common/validation/validators';

const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

/** `PUT /programs/:id/logistics-settings` */
export class LogisticsSettingsDto implements LogisticsSettings {
  @ApiProperty({ enum: LOGISTICS_ITEMS, isArray: true, description: 'What the program collects; empty: nothing' })
  @IsArray()
  @IsIn(LOGISTICS_ITEMS, { each: true })
  @ArrayUnique()
  collect: LogisticsItem[];

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Reminders go to trainees with missing items a week before and on this day',
  })
  @IsOptional()
  @Nullable()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: ARRIVAL_POINTS_MAX,
    description:
      'Airports and stations offered for arrival and departure (each at most 200 characters, no repeats); none: any',
  })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(ARRIVAL_POINTS_MAX)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(LOGISTICS_TEXT_MAX_LENGTH, { each: true })
  @ArrayUnique()
  arrivalPoints: string[] = [];
}

/** The answer of `GET`/`PUT /programs/:id/logistics-settings`. */
export class LogisticsSettingsViewDto implements LogisticsSettings {
  @ApiProperty({ enum: LOGISTICS_ITEMS, isArray: true }) collect: LogisticsItem[];
  @ApiPropertyOptional({ format: 'date' }) dueDate?: string;
  @ApiProperty({ type: [String] }) arrivalPoints: string[];
}
