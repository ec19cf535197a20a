import { PartialType } from '@nestjs/swagger';
import type { UpdateInstitutionRequest } from '@skillbridge/contracts';
import { CreateInstitutionDto } from './create-institution.dto';

export class UpdateInstitutionDto extends PartialType(CreateInstitutionDto) implements UpdateInstitutionRequest {}
