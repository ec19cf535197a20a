import { PartialType } from '@nestjs/swagger';
import { CreateTraineeDto } from './create-trainee.dto';

/** Any field; `null` clears the Latin name or (admins) the institution. */
export class UpdateTraineeDto extends PartialType(CreateTraineeDto) {}
