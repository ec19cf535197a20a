import { ApiProperty } from '@nestjs/swagger';
import { PROGRAM_CAPACITY_MAX, type PartnerQuota } from '@skillbridge/contracts';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

/** One partner institution's seats in a program (their sum ≤ capacity, checked with the program). */
export class PartnerQuotaDto implements PartnerQuota {
  @ApiProperty({ format: 'uuid', description: 'A partner institution' })
  @IsUUID()
  institutionId: string;

  @ApiProperty({ minimum: 1, maximum: PROGRAM_CAPACITY_MAX })
  @IsInt()
  @Min(1)
  @Max(PROGRAM_CAPACITY_MAX)
  seats: number;
}
