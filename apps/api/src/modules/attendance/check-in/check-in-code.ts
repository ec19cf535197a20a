import { createHmac, timingSafeEqual } from 'node:crypto';
import { CHECK_IN_CODE_PERIOD_SECONDS } from '@skillbridge/contracts';

/** 32 symbols people do not mistake for one another: no 0/O, no 1/I. */
export const CHECK_IN_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 8 symbols of 5 bits: 40 bits of the HMAC. */
export const CHECK_IN_CODE_LENGTH = 8;

const PERIOD_MS = CHECK_IN_CODE_PERIOD_SECONDS * 1000;

/** The number of the code period an instant falls in. */
export function checkInPeriod(at: number): number {
  return Math.floor(at / PERIOD_MS);
}

/** When a period ends (the next code starts). */
export function checkInPeriodEnd(period: number): Date {
  return new Date((period + 1) * PERIOD_MS);
}

/** A session's code for one period: HMAC-SHA256(secret, `${sessionId}:${period}`), its first 40 bits in the alphabet. */
export function checkInCode(secret: Buffer, sessionId: string, period: number): string {
  const digest = createHmac('sha256', secret).update(`${sessionId}:${period}`).digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[i]);
  let code = '';
  for (let i = CHECK_IN_CODE_LENGTH - 1; i >= 0; i--)
    code += CHECK_IN_CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}

/** What a person typed, as a code: capitals, without spaces or dashes. */
export function normalizeCheckInCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** Whether `typed` is the session's code of the period of `at` or of the one before (compared in constant time). */
export function checkInCodeMatches(secret: Buffer, sessionId: string, typed: string, at: number): boolean {
  const given = Buffer.from(normalizeCheckInCode(typed).slice(0, 64));
  const period = checkInPeriod(at);
  let ok = false;
  for (const p of [period, period - 1]) {
    const expected = Buffer.from(checkInCode(secret, sessionId, p));
    // Both compared every time (no early exit), and only equal lengths reach timingSafeEqual.
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    ok = same || ok;
  }
  return ok;
}
