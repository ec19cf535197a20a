import { ADVISORY_LOCK_KEYS } from './advisory-locks';

describe('advisory lock keys', () => {
  it('gives every use a key of its own, in the range PostgreSQL takes (bigint)', () => {
    const keys = Object.values(ADVISORY_LOCK_KEYS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(Number.isSafeInteger(key) && key > 0).toBe(true);
  });
});
