import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode, HealthStatus } from '@skillbridge/contracts';
import { Public } from '../../common/auth/access.decorator';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem.exception';
import { ReplicaSet } from '../../database/replicas/replica-set';
import { APP_VERSION } from '../../version';
import { HealthStatusDto } from './health-status.dto';

/** How long the health check waits for the database before calling it down. */
const DATABASE_PROBE_TIMEOUT_MS = 2_000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replicas: ReplicaSet,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness, database reachability and each read replica’s state and lag (public).' })
  @ApiResponse({ status: 200, type: HealthStatusDto })
  @ApiResponse({ status: 503, description: 'The database does not answer.' })
  async check(): Promise<HealthStatus> {
    if (!(await this.databaseAnswers())) {
      throw new ProblemException(503, ErrorCode.ServiceUnavailable, { headers: { 'retry-after': '5' } });
    }
    return { status: 'ok', database: 'up', version: APP_VERSION, replicas: this.replicas.report() };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_PROBE_TIMEOUT_MS);
    });
    const probe = this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
