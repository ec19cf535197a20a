import { HttpErrorResponse } from '@angular/common/http';
import { ErrorCode } from '@skillbridge/contracts';
import { problemOf } from '../../core/http/problem';
import { i18nKey } from '../../shared/i18n/i18n-key';

/** Words to show: a translation key and its parameters. */
export interface Message {
  key: string;
  params?: Record<string, unknown>;
}

/**
 * Whole minutes to wait, from a 429's `Retry-After` (seconds, or an HTTP
 * date); null when the answer did not say.
 */
export function retryAfterMinutes(error: unknown, now = Date.now()): number | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const header = error.headers?.get('Retry-After')?.trim();
  if (!header) return null;
  const seconds = /^\d+$/.test(header) ? Number(header) : (Date.parse(header) - now) / 1000;
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * What a failed sign-in step means to the person. Two kinds of 429 differ:
 * ACCOUNT_LOCKED is about the account (the owner got an unlock link by
 * e-mail), TOO_MANY_REQUESTS about this device or network (wait and retry).
 */
export function signInFailure(error: unknown): Message {
  const problem = problemOf(error);
  if (problem.code === ErrorCode.AccountLocked) return { key: i18nKey('auth.signIn.locked') };
  if (problem.code === ErrorCode.TooManyRequests || problem.status === 429) {
    const minutes = retryAfterMinutes(error);
    return minutes
      ? { key: i18nKey('auth.signIn.throttled'), params: { minutes } }
      : { key: i18nKey('errors.TOO_MANY_REQUESTS') };
  }
  return { key: `errors.${problem.code}` };
}
