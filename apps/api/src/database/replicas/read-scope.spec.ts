import { mayReadFromReplica, replicaReadsAllowed, runWithReplicaReads } from './read-scope';

const now = 1_800_000_000_000;

describe('which reads may use a replica', () => {
  it('allows a GET or HEAD of an opted-in route without a window in force', () => {
    expect(replicaReadsAllowed({ method: 'GET', optedIn: true, primaryUntil: null, now })).toBe(true);
    expect(replicaReadsAllowed({ method: 'HEAD', optedIn: true, primaryUntil: null, now })).toBe(true);
    expect(replicaReadsAllowed({ method: 'GET', optedIn: true, primaryUntil: now, now })).toBe(true);
  });

  it('keeps routes that did not opt in on the primary', () => {
    expect(replicaReadsAllowed({ method: 'GET', optedIn: false, primaryUntil: null, now })).toBe(false);
  });

  it('keeps every method that may write on the primary', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      expect(replicaReadsAllowed({ method, optedIn: true, primaryUntil: null, now })).toBe(false);
    }
  });

  it('keeps a caller on the primary within their read-after-write window', () => {
    expect(replicaReadsAllowed({ method: 'GET', optedIn: true, primaryUntil: now + 1, now })).toBe(false);
  });

  it('knows the scope only inside it, and not once it is closed', async () => {
    expect(mayReadFromReplica()).toBe(false);
    const scope = { allowed: true };
    let later: Promise<boolean> | undefined;
    await runWithReplicaReads(scope, async () => {
      await Promise.resolve();
      expect(mayReadFromReplica()).toBe(true);
      // Work the handler leaves behind runs in the same scope…
      later = new Promise((resolve) => setTimeout(() => resolve(mayReadFromReplica()), 10));
    });
    // …and reads the primary once the handler is done.
    scope.allowed = false;
    expect(await later).toBe(false);
    expect(mayReadFromReplica()).toBe(false);
  });
});
