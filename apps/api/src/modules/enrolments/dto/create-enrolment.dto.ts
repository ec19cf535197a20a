import { ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateEnrolmentRequest } from '@skillbridge/contracts';
import { IsOptional, IsUUID } from 'class-validator';

export class CreateEnrolmentDto implements CreateEnrolmentRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Admins and partners: whom to enrol. Trainees leave it out.' })
  @IsOptional()
  @IsUUID()
  traineeId?: string;
}
