import { ApiProperty } from '@nestjs/swagger';
import type { AssignRoomRequest } from '@skillbridge/contracts';
import { IsDefined, IsUUID, ValidateIf } from 'class-validator';
import { Nullable } from '../../../../common/validation/nullable';

export class AssignRoomDto implements AssignRoomRequest {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A room of the enrolment’s program; null: take the trainee out of their room',
  })
  @Nullable()
  @ValidateIf((dto: AssignRoomDto) => dto.roomId !== null)
  @IsDefined()
  @IsUUID()
  roomId: string | null;
}
