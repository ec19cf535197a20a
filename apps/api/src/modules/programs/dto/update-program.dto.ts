import { PartialType } from '@nestjs/swagger';
import { CreateProgramDto } from './create-program.dto';

/** Any field of a program; `null` clears the optional ones (summary, venue, meeting link, enrolment window). */
export class UpdateProgramDto extends PartialType(CreateProgramDto) {}
