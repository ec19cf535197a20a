import type { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem/problem.exception';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  /** The shared count as PostgreSQL would keep it: hits per bucket and window, plus other replicas' hits. */
  let shared: Map<string, number>;
  let failing: boolean;
  let statements: number;

  function limiter(): RateLimiter {
    const dataSource = {
      query: async (sql: string, params: [string[], string[], number[]]) => {
        statements += 1;
        if (failing) throw new Error('connection refused');
        if (sql.startsWith('DELETE')) return [];
        const [buckets, , hits] = params;
        return buckets.map((bucket, i) => {
          shared.set(bucket, (shared.get(bucket) ?? 0) + hits[i]);
          return { bucket, hits: shared.get(bucket) };
        });
      },
    } as unknown as DataSource;
    return new RateLimiter(dataSource);
  }

  const refused = (run: () => void) => {
    try {
      run();
      return false;
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).status).toBe(429);
      return true;
    }
  };

  beforeEach(() => {
    shared = new Map();
    failing = false;
    statements = 0;
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:05Z') });
  });
  afterEach(() => jest.useRealTimers());

  it('refuses the hit past the limit at once, without a database round trip per hit', () => {
    const rl = limiter();
    for (let i = 0; i < 5; i += 1) expect(refused(() => rl.hit('verify:1.2.3.4', 5))).toBe(false);
    expect(refused(() => rl.hit('verify:1.2.3.4', 5))).toBe(true);
    expect(refused(() => rl.hit('verify:5.6.7.8', 5))).toBe(false);
    expect(statements).toBe(0);
  });

  it('adds its hits to the shared count once a second and counts the other replicas’ hits', async () => {
    const rl = limiter();
    rl.hit('verify:1.2.3.4', 10);
    rl.hit('verify:1.2.3.4', 10);
    shared.set('verify:1.2.3.4', 7); // another replica's hits in this window
    await jest.advanceTimersByTimeAsync(1000);
    expect(statements).toBe(1);
    expect(shared.get('verify:1.2.3.4')).toBe(9);
    expect(refused(() => rl.hit('verify:1.2.3.4', 10))).toBe(false);
    expect(refused(() => rl.hit('verify:1.2.3.4', 10))).toBe(true);
  });

  it('starts afresh in the next minute', async () => {
    const rl = limiter();
    rl.hit('verify:1.2.3.4', 1);
    expect(refused(() => rl.hit('verify:1.2.3.4', 1))).toBe(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refused(() => rl.hit('verify:1.2.3.4', 1))).toBe(false);
  });

  it('keeps counting while the database is away and adds the hits when it is back', async () => {
    const rl = limiter();
    failing = true;
    rl.hit('verify:1.2.3.4', 100);
    rl.hit('verify:1.2.3.4', 100);
    await jest.advanceTimersByTimeAsync(1000);
    expect(shared.get('verify:1.2.3.4')).toBeUndefined();
    failing = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(shared.get('verify:1.2.3.4')).toBe(2);
  });
});
