import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem.exception';

interface Counter {
  /** Start of the one-minute window, in ms since the epoch. */
  window: number;
  /** Hits of this process not yet added to the shared count. */
  pending: number;
  /** Hits in flight to the database. */
  flushing: number;
  /** The window's count across every replica, as of the last flush. */
  shared: number;
}

const WINDOW_MS = 60_000;
/** How often this process adds its hits to the shared count (and learns the other replicas'). */
const FLUSH_MS = 1_000;

/**
 * Fixed one-minute windows, counted in this process at once and added to a
 * count in PostgreSQL every second, so every API replica counts together.
 * A single process refuses exactly at the limit; across replicas the limit
 * holds to within one second of the others' traffic. Counting each hit in
 * the database instead cost an upsert (a write, and a row lock every request
 * from one client waits on) per verification. Windows older than an hour are
 * swept now and then.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private flushes = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  hit(bucket: string, limitPerMinute: number): void {
    const now = Date.now();
    const window = now - (now % WINDOW_MS);
    let counter = this.counters.get(bucket);
    if (!counter || counter.window !== window) {
      counter = { window, pending: 0, flushing: 0, shared: 0 };
      this.counters.set(bucket, counter);
    }
    counter.pending += 1;
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
    if (counter.shared + counter.flushing + counter.pending > limitPerMinute) {
      const seconds = Math.max(1, Math.ceil((window + WINDOW_MS - now) / 1000));
      throw new ProblemException(429, ErrorCode.TooManyRequests, {
        headers: { 'retry-after': String(seconds) },
        params: { seconds },
      });
    }
  }

  /** Adds this process's hits to the shared counts in one statement and reads back the totals. */
  async flush(): Promise<void> {
    this.timer = undefined;
    const now = Date.now();
    const batch: { bucket: string; counter: Counter; hits: number }[] = [];
    for (const [bucket, counter] of this.counters) {
      if (counter.window + WINDOW_MS <= now && counter.pending === 0) {
        this.counters.delete(bucket);
      } else if (counter.pending > 0) {
        batch.push({ bucket, counter, hits: counter.pending });
        counter.flushing += counter.pending;
        counter.pending = 0;
      }
    }
    if (batch.length === 0) return;
    try {
      const rows = (await this.dataSource.query(
        `INSERT INTO rate_limit_hits (bucket, window_start, hits)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[])
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + EXCLUDED.hits
         RETURNING bucket, hits`,
        [
          batch.map((b) => b.bucket),
          batch.map((b) => new Date(b.counter.window).toISOString()),
          batch.map((b) => b.hits),
        ],
      )) as { bucket: string; hits: number }[];
      const totals = new Map(rows.map((row) => [row.bucket, row.hits]));
      for (const { bucket, counter, hits } of batch) {
        counter.flushing -= hits;
        counter.shared = Math.max(counter.shared + hits, totals.get(bucket) ?? 0);
      }
      if (++this.flushes % 100 === 0) {
        await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 hour'`);
      }
    } catch (error) {
      // The database is away: keep counting here and add the hits when it is back.
      for (const { counter, hits } of batch) {
        counter.flushing -= hits;
        counter.pending += hits;
      }
      this.logger.warn(`rate-limit counts not saved: ${(error as Error).message}`);
      this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush().catch(() => undefined);
  }
}
