import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Raw SQL reads that may go to a replica. `dataSource.query()` always uses the
 * primary; this uses a "slave" query runner, which the routing (replica-routing.ts)
 * sends to a replica only inside a @ReadsFromReplica request — anywhere else it
 * is the primary, as before. Only for SELECTs: a replica refuses writes.
 */
@Injectable()
export class ReplicaReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return (await runner.query(sql, parameters)) as T;
    } finally {
      await runner.release();
    }
  }
}
