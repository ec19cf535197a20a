import { ApiProperty } from '@nestjs/swagger';
import type { HealthStatus, ReplicaHealth, ReplicaStatus } from '@skillbridge/contracts';

export class ReplicaHealthDto implements ReplicaHealth {
  @ApiProperty({ example: 'replica-1', description: 'In the order of DATABASE_REPLICA_URLS; never the address.' })
  name: string;

  @ApiProperty({
    enum: ['up', 'down', 'lagging'],
    description: '`lagging`: further behind than REPLICA_MAX_LAG_MS; skipped like a down one.',
  })
  status: ReplicaStatus;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 0,
    description: 'Behind the primary at the last check, in ms.',
  })
  lagMs: number | null;
}

export class HealthStatusDto implements HealthStatus {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ enum: ['up', 'down'] })
  database: 'up' | 'down';

  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiProperty({
    type: [ReplicaHealthDto],
    description:
      'The read replicas as this process last checked them (empty without DATABASE_REPLICA_URLS). A replica down ' +
      'is no outage: reads go to the primary; only the primary decides the 503.',
  })
  replicas: ReplicaHealthDto[];
}
