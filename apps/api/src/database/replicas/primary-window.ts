import { timingSafeEqual } from 'node:crypto';

/** The cookie that keeps a caller's reads on the primary for a while after they wrote. */
export const PRIMARY_WINDOW_COOKIE = 'sb_read_primary';
/** SecretBox purpose of its MAC (a key of its own, derived from DATA_ENCRYPTION_KEY, the same on every process). */
export const PRIMARY_WINDOW_PURPOSE = 'replica-read-window';
/** Clocks of the API processes may differ a little; a cookie further in the future than this was not ours. */
const CLOCK_SLACK_MS = 5_000;

export type Mac = (message: string) => Buffer;

/** `<until epoch ms>.<MAC>`: any process with the same key checks it, no shared state needed. */
export function signPrimaryUntil(until: number, mac: Mac): string {
  const value = String(Math.floor(until));
  return `${value}.${mac(value).toString('base64url')}`;
}

/**
 * The end of the window a cookie carries, or null when there is none in force:
 * no cookie, a malformed, forged or expired one, or one reaching further than
 * any this server issues (windowMs from now).
 */
export function readPrimaryUntil(cookie: string | undefined, mac: Mac, now: number, windowMs: number): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '');
  if (!match) return null;
  const expected = mac(match[1]);
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const until = Number(match[1]);
  if (until <= now || until > now + windowMs + CLOCK_SLACK_MS) return null;
  return until;
}
