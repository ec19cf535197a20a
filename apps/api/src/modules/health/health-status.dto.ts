import { ApiProperty } from '@nestjs/swagger';
import type { HealthStatus } from '@skillbridge/contracts';

export class HealthStatusDto implements HealthStatus {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ enum: ['up', 'down'] })
  database: 'up' | 'down';

  @ApiProperty({ example: '0.1.0' })
  version: string;
}
