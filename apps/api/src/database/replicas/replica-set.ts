import type { ReplicaHealth, ReplicaStatus } from '@skillbridge/contracts';
import type { Pool } from 'pg';

export interface ReplicaSettings {
  maxLagMs: number;
  checkIntervalMs: number;
  /** `warn` when a replica is lost, `info` when one is (again) in use or lagging. */
  log?: (level: 'info' | 'warn', message: string) => void;
}

interface Replica {
  /** `replica-1`, … in the order of DATABASE_REPLICA_URLS: what health and logs show, never the URL. */
  name: string;
  pool?: Pool;
  status: ReplicaStatus;
  lagMs: number | null;
  checking: boolean;
  /** A replica down from the start is logged once too (a wrong URL, a wrong password). */
  checked: boolean;
}

/** How long one check may take before the replica counts as down (a host that drops packets). */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Lag in ms: 0 when everything received is replayed; otherwise how old the
 * last replayed commit is — with replay stopped or slow that grows, while the
 * primary keeps writing. A standby that is not streaming counts the same way
 * (it cannot know what it is missing). No commit replayed since it started:
 * nothing to be behind on yet.
 */
const CHECK_SQL = `
  SELECT pg_is_in_recovery() AS recovering,
         CASE
           WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                AND (SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming') > 0 THEN 0
           ELSE COALESCE(floor(extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000), 0)
         END::bigint AS lag_ms`;

/**
 * The read replicas of one API process and what it last saw of each: every
 * checkIntervalMs it asks each replica whether it is a standby and how far
 * behind; one that fails or lags more than maxLagMs is skipped until a later
 * check finds it well again. A replica starts as down: nothing reads from it
 * before its first check.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  private stopped = false;

  constructor(
    count: number,
    private readonly settings: ReplicaSettings,
  ) {
    this.replicas = Array.from({ length: count }, (_, i) => ({
      name: `replica-${i + 1}`,
      status: 'down' as ReplicaStatus,
      lagMs: null,
      checking: false,
      checked: false,
    }));
  }

  get size(): number {
    return this.replicas.length;
  }

  /** Starts watching the pools (TypeORM's, one per replica, in order) once the data source is connected. */
  attach(pools: Pool[]): void {
    pools.forEach((pool, i) => {
      if (this.replicas[i]) this.replicas[i].pool = pool;
    });
    if (this.replicas.length === 0 || this.stopped) return;
    void this.checkAll();
    this.timer = setInterval(() => void this.checkAll(), this.settings.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The next replica that is up (round-robin), or undefined: then the primary answers. */
  pick(): { index: number; pool: Pool } | undefined {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const index = (this.next + tried) % this.replicas.length;
      const replica = this.replicas[index];
      if (replica.status === 'up' && replica.pool) {
        this.next = (index + 1) % this.replicas.length;
        return { index, pool: replica.pool };
      }
    }
    return undefined;
  }

  /** A connection to it failed: skip it until a check finds it up again. */
  markDown(index: number, reason: unknown): void {
    const replica = this.replicas[index];
    if (!replica || replica.status === 'down') return;
    replica.status = 'down';
    replica.lagMs = null;
    this.settings.log?.('warn', `${replica.name} is down, reads go elsewhere: ${describe(reason)}`);
  }

  report(): ReplicaHealth[] {
    return this.replicas.map(({ name, status, lagMs }) => ({ name, status, lagMs }));
  }

  async checkAll(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => this.check(replica)));
  }

  private async check(replica: Replica): Promise<void> {
    if (replica.checking || !replica.pool) return;
    replica.checking = true;
    let timer: NodeJS.Timeout | undefined;
    const before = replica.status;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      });
      const { rows } = await Promise.race([replica.pool.query(CHECK_SQL), timeout]);
      const row = rows[0] as { recovering: boolean; lag_ms: string };
      if (!row.recovering) throw new Error('it is not in recovery (promoted?): no replica to read from');
      replica.lagMs = Math.max(0, Number(row.lag_ms));
      replica.status = replica.lagMs > this.settings.maxLagMs ? 'lagging' : 'up';
    } catch (error) {
      replica.status = 'down';
      replica.lagMs = null;
      // Logged when it goes down, and once when it was never up (a wrong URL, a wrong password).
      if (before !== 'down' || !replica.checked)
        this.settings.log?.('warn', `${replica.name} is down, reads go elsewhere: ${describe(error)}`);
    } finally {
      clearTimeout(timer);
      replica.checking = false;
      replica.checked = true;
    }
    if (before !== replica.status && replica.status !== 'down') {
      this.settings.log?.(
        replica.status === 'up' ? 'info' : 'warn',
        `${replica.name} is ${replica.status} (lag ${replica.lagMs} ms)`,
      );
    }
  }
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
