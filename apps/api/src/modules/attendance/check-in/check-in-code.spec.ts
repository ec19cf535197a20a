import { randomBytes } from 'node:crypto';
import { CHECK_IN_CODE_PERIOD_SECONDS } from '@skillbridge/contracts';
import {
  CHECK_IN_CODE_ALPHABET,
  checkInCode,
  checkInCodeMatches,
  checkInPeriod,
  checkInPeriodEnd,
} from './check-in-code';

const SESSION = '7f0b3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER = '11111111-2222-4333-8444-555555555555';

describe('check-in codes', () => {
  const secret = randomBytes(32);
  const now = Date.UTC(2026, 11, 7, 9, 0, 10);

  it('are 8 symbols of an alphabet without 0, O, 1 or I, the same for the same period', () => {
    expect(CHECK_IN_CODE_ALPHABET).not.toMatch(/[01OI]/);
    expect(new Set(CHECK_IN_CODE_ALPHABET).size).toBe(32);
    const code = checkInCode(secret, SESSION, checkInPeriod(now));
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(checkInCode(secret, SESSION, checkInPeriod(now))).toBe(code);
    expect(checkInCode(secret, SESSION, checkInPeriod(now) + 1)).not.toBe(code);
    expect(checkInCode(secret, OTHER, checkInPeriod(now))).not.toBe(code);
    expect(checkInCode(randomBytes(32), SESSION, checkInPeriod(now))).not.toBe(code);
  });

  it('change every period, which ends on a period boundary', () => {
    const period = checkInPeriod(now);
    expect(checkInPeriodEnd(period).getTime() - now).toBeLessThanOrEqual(CHECK_IN_CODE_PERIOD_SECONDS * 1000);
    expect(checkInPeriod(checkInPeriodEnd(period).getTime())).toBe(period + 1);
  });

  it('accept the current and the previous period, typed loosely, and nothing older or of another session', () => {
    const period = checkInPeriod(now);
    const current = checkInCode(secret, SESSION, period);
    expect(checkInCodeMatches(secret, SESSION, current, now)).toBe(true);
    expect(checkInCodeMatches(secret, SESSION, ` ${current.slice(0, 4).toLowerCase()}-${current.slice(4)} `, now)).toBe(
      true,
    );
    expect(checkInCodeMatches(secret, SESSION, checkInCode(secret, SESSION, period - 1), now)).toBe(true);
    expect(checkInCodeMatches(secret, SESSION, checkInCode(secret, SESSION, period - 2), now)).toBe(false);
    expect(checkInCodeMatches(secret, SESSION, checkInCode(secret, OTHER, period), now)).toBe(false);
    expect(checkInCodeMatches(secret, SESSION, '', now)).toBe(false);
    expect(checkInCodeMatches(secret, SESSION, `${current}X`, now)).toBe(false);
  });
});
