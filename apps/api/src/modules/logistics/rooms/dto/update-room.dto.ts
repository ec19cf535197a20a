import { PartialType } from '@nestjs/swagger';
import type { UpdateRoomRequest } from '@skillbridge/contracts';
import { CreateRoomDto } from './create-room.dto';

export class UpdateRoomDto extends PartialType(CreateRoomDto) implements UpdateRoomRequest {}
