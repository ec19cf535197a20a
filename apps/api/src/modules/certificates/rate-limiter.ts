import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem.exception';

/**
 * Fixed one-minute windows counted in PostgreSQL, so every API replica
 * counts together. Windows older than an hour are swept now and then.
 */
@Injectable()
export class RateLimiter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(bucket: string, limitPerMinute: number): Promise<void> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES ($1, date_trunc('minute', now()), 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
       RETURNING hits, 60 - extract(second FROM now())::int AS "retryAfter"`,
      [bucket],
    )) as { hits: number; retryAfter: number }[];
    if (Math.random() < 0.01) {
      await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 hour'`);
    }
    if (row.hits > limitPerMinute) {
      throw new ProblemException(429, ErrorCode.TooManyRequests, {
        headers: { 'retry-after': String(Math.max(1, row.retryAfter)) },
        params: { seconds: Math.max(1, row.retryAfter) },
      });
    }
  }
}
