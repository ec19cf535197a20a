import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LOGISTICS_TEXT_MAX_LENGTH,
  ROOM_CAPACITY_MAX,
  ROOM_GENDERS,
  type CreateRoomRequest,
  type RoomGender,
} from '@skillbridge/contracts';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../../../../common/validation/validators';

export class CreateRoomDto implements CreateRoomRequest {
  @ApiProperty({ maxLength: LOGISTICS_TEXT_MAX_LENGTH, example: 'Guest house 203', description: 'Unique per program' })
  @IsDefined()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LOGISTICS_TEXT_MAX_LENGTH)
  name: string;

  @ApiProperty({ minimum: 1, maximum: ROOM_CAPACITY_MAX, example: 2, description: 'Beds; never below its occupants' })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(ROOM_CAPACITY_MAX)
  capacity: number;

  @ApiPropertyOptional({
    enum: ROOM_GENDERS,
    default: 'any',
    description: '`female`/`male`: only trainees whose logistics give that gender',
  })
  @IsOptional()
  @IsIn(ROOM_GENDERS)
  gender?: RoomGender;
}
