import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LOGISTICS_GENDERS,
  ROOM_GENDERS,
  type LogisticsGender,
  type Room,
  type RoomGender,
} from '@skillbridge/contracts';

export class RoomOccupantDto {
  @ApiProperty({ format: 'uuid' })
  enrolmentId: string;

  @ApiProperty({ format: 'uuid' })
  traineeId: string;

  @ApiProperty({ example: 'สมชาย ใจดี' })
  fullName: string;

  @ApiPropertyOptional({ enum: LOGISTICS_GENDERS, description: 'As the trainee’s logistics say; absent: not given' })
  gender?: LogisticsGender;
}

export class RoomDto implements Room {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  programId: string;

  @ApiProperty({ example: 'Guest house 203' })
  name: string;

  @ApiProperty({ minimum: 1, maximum: 50, example: 2 })
  capacity: number;

  @ApiProperty({ enum: ROOM_GENDERS })
  gender: RoomGender;

  @ApiProperty({ type: [RoomOccupantDto], description: 'The enrolments assigned to it, by name' })
  occupants: RoomOccupantDto[];
}

export class AssignedRoomDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Guest house 203' })
  name: string;
}

/** What `PUT /enrolments/:id/room` answers: the enrolment's room now, or null. */
export class RoomAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  enrolmentId: string;

  @ApiProperty({ type: AssignedRoomDto, nullable: true })
  room: AssignedRoomDto | null;
}
