import { PartialType } from '@nestjs/swagger';
import { CreateSessionDto } from './create-session.dto';

/** Any field of a session; `instructorIds` replaces the whole list; `null` clears venue or meeting link. */
export class UpdateSessionDto extends PartialType(CreateSessionDto) {}
