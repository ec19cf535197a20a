import type { Pool } from 'pg';
import { ReplicaSet } from './replica-set';

/** A pool whose check answers what the test says (a row, or an error). */
function fakePool(answer: () => { recovering: boolean; lag_ms: string } | Error): Pool {
  return {
    query: async () => {
      const value = answer();
      if (value instanceof Error) throw value;
      return { rows: [value] };
    },
  } as unknown as Pool;
}

describe('ReplicaSet', () => {
  const sets: ReplicaSet[] = [];
  const make = (count: number, maxLagMs = 1_000) => {
    const set = new ReplicaSet(count, { maxLagMs, checkIntervalMs: 60_000 });
    sets.push(set);
    return set;
  };
  afterEach(() => sets.splice(0).forEach((set) => set.stop()));

  it('says once that a replica never came up (a wrong URL or password), not on every check', async () => {
    const warnings: string[] = [];
    const set = new ReplicaSet(1, {
      maxLagMs: 1_000,
      checkIntervalMs: 60_000,
      log: (level, message) => void (level === 'warn' && warnings.push(message)),
    });
    sets.push(set);
    set.attach([fakePool(() => new Error('password authentication failed'))]);
    await set.checkAll();
    await set.checkAll();
    expect(warnings).toEqual(['replica-1 is down, reads go elsewhere: password authentication failed']);
  });

  it('uses none before the first check', () => {
    const set = make(1);
    expect(set.pick()).toBeUndefined();
    expect(set.report()).toEqual([{ name: 'replica-1', status: 'down', lagMs: null }]);
  });

  it('takes the healthy replicas in turn and skips the down and the lagging', async () => {
    const answers: Array<{ recovering: boolean; lag_ms: string } | Error> = [
      { recovering: true, lag_ms: '0' },
      new Error('connect ECONNREFUSED'),
      { recovering: true, lag_ms: '5000' },
      { recovering: true, lag_ms: '10' },
    ];
    const set = make(4);
    set.attach(answers.map((_, i) => fakePool(() => answers[i])));
    await set.checkAll();
    expect(set.report()).toEqual([
      { name: 'replica-1', status: 'up', lagMs: 0 },
      { name: 'replica-2', status: 'down', lagMs: null },
      { name: 'replica-3', status: 'lagging', lagMs: 5000 },
      { name: 'replica-4', status: 'up', lagMs: 10 },
    ]);
    expect([1, 2, 3, 4].map(() => set.pick()?.index)).toEqual([0, 3, 0, 3]);

    answers[1] = { recovering: true, lag_ms: '0' };
    answers[2] = { recovering: true, lag_ms: '0' };
    await set.checkAll();
    expect(new Set([1, 2, 3, 4].map(() => set.pick()?.index))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('refuses a server that is not in recovery (a promoted standby)', async () => {
    const set = make(1);
    set.attach([fakePool(() => ({ recovering: false, lag_ms: '0' }))]);
    await set.checkAll();
    expect(set.report()[0].status).toBe('down');
    expect(set.pick()).toBeUndefined();
  });

  it('skips a replica marked down after a failed connection until a check finds it up', async () => {
    const set = make(1);
    set.attach([fakePool(() => ({ recovering: true, lag_ms: '0' }))]);
    await set.checkAll();
    expect(set.pick()?.index).toBe(0);
    set.markDown(0, new Error('connect ECONNREFUSED'));
    expect(set.pick()).toBeUndefined();
    await set.checkAll();
    expect(set.pick()?.index).toBe(0);
  });
});
