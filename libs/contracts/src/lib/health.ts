/** `lagging`: answers, but further behind the primary than REPLICA_MAX_LAG_MS; skipped like a down one. */
export type ReplicaStatus = 'up' | 'down' | 'lagging';

export interface ReplicaHealth {
  /** `replica-1`, `replica-2`, … in the order of DATABASE_REPLICA_URLS (never the address). */
  name: string;
  status: ReplicaStatus;
  /** How far behind the primary at the last check, in ms; null when it did not answer. */
  lagMs: number | null;
}

export interface HealthStatus {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  version: string;
  /** The read replicas as this process last checked them; empty without DATABASE_REPLICA_URLS. */
  replicas: ReplicaHealth[];
}
