import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether the work running now may read from a replica. Set only around the
 * handler of a request that qualifies (see replicaReadsAllowed); everything
 * else — background workers, the outbox, migrations, start-up, guards — runs
 * outside any scope and reads from the primary.
 */
export interface ReplicaReadScope {
  /** Cleared when the response is done: timers and promises the request left behind fall back to the primary. */
  allowed: boolean;
}

const storage = new AsyncLocalStorage<ReplicaReadScope>();

export function runWithReplicaReads<T>(scope: ReplicaReadScope, work: () => T): T {
  return storage.run(scope, work);
}

export function mayReadFromReplica(): boolean {
  return storage.getStore()?.allowed === true;
}

export interface ReadRoutingInput {
  method: string;
  /** The route is marked @ReadsFromReplica(). */
  optedIn: boolean;
  /** End of the caller's read-after-write window (a valid cookie), or null. */
  primaryUntil: number | null;
  now: number;
}

/**
 * The one routing decision: a replica only for a GET or HEAD of a route that
 * asked for it, and never while the caller's own write may not have reached
 * the replicas yet.
 */
export function replicaReadsAllowed({ method, optedIn, primaryUntil, now }: ReadRoutingInput): boolean {
  if (!optedIn) return false;
  if (method !== 'GET' && method !== 'HEAD') return false;
  return primaryUntil === null || primaryUntil <= now;
}
