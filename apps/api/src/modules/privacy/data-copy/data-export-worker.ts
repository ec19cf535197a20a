import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Notifier } from '../../notifications/notifier';
import { DataCopyService } from './data-copy.service';

/** How often an idle worker looks for pending copies (a request wakes the one of its own process at once). */
const POLL_MS = 5_000;
/** Longest pause of the loop while the database is unreachable. */
const MAX_IDLE_ON_ERROR_MS = 60_000;

/**
 * Makes the pending copies of `data_exports`, in every API process. Each copy
 * is made inside a transaction that holds its row (`FOR UPDATE SKIP LOCKED`),
 * so two workers — in one process or on several replicas — never make the
 * same copy, and a crash mid-way releases the row to be made again. The copy
 * is stored with its expiry, and the person is told (in the app and by
 * e-mail through the outbox) in the same commit.
 */
@Injectable()
export class DataExportWorker implements BeforeApplicationShutdown {
  private readonly logger = new Logger('DataExports');
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly copies: DataCopyService,
    private readonly notifier: Notifier,
  ) {}

  /** Starts the loop (once the schema is migrated). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Looks for work now rather than at the next poll (after a request for a copy commits). */
  wake(): void {
    this.wakeUp?.();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const made = await this.runDue();
        failures = 0;
        if (made === 0) await this.pause(POLL_MS);
      } catch (error) {
        failures += 1;
        this.logger.warn(`Data copies paused: ${error instanceof Error ? error.message : String(error)}`);
        await this.pause(Math.min(POLL_MS * 2 ** failures, MAX_IDLE_ON_ERROR_MS));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Makes every pending copy no other worker holds, up to `max`; returns how many it took. Tests call it. */
  async runDue(max = 20): Promise<number> {
    let taken = 0;
    while (taken < max && (await this.runNext())) taken += 1;
    return taken;
  }

  /** Takes the oldest pending copy and makes it; false when none is waiting. */
  async runNext(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, user_id AS "userId" FROM data_exports
          WHERE status = 'pending'
          ORDER BY requested_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
      )) as { id: string; userId: string }[];
      if (!row) return false;
      let made: Awaited<ReturnType<DataCopyService['build']>>;
      try {
        made = await this.copies.build(row.userId);
      } catch (error) {
        // A copy that cannot be made (a sealed field that no longer opens, a render that fails) is marked
        // failed, not retried forever; the person sees it and can ask again.
        this.logger.error(`Data copy ${row.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        await manager.query(`UPDATE data_exports SET status = 'failed' WHERE id = $1`, [row.id]);
        return true;
      }
      const [stored] = (await manager.query(
        `UPDATE data_exports
            SET status = 'ready', content = $2, size_bytes = $3, ready_at = clock_timestamp(),
                expires_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000)
          WHERE id = $1
          RETURNING expires_at AS "expiresAt"`,
        [row.id, made.body, made.body.length, this.copies.ttlMs],
      )) as [{ expiresAt: Date }[], number];
      await this.notifier.dataExportReady(manager, row.id, stored[0].expiresAt);
      await this.copies.recordCopy(manager, made.ctx, made.subject, {
        mode: 'export',
        exportId: row.id,
        sizeBytes: made.body.length,
      });
      return true;
    });
  }
}
