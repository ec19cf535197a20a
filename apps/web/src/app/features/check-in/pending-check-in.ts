import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';

/** A check-in begun signed out: kept in this tab while the person signs in (and any detour that takes). */
export interface PendingCheckIn {
  sessionId: string;
  code: string;
  /** When it was kept, ms since the epoch: a code is of no use long after (it changes every 30 s anyway). */
  at: number;
}

const KEY = 'sb.pendingCheckIn';
/** How long a kept check-in is taken up again: the sign-in, an e-mail or a two-factor detour. */
export const PENDING_CHECK_IN_MS = 15 * 60_000;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled
  }
}

export function keepPendingCheckIn(sessionId: string, code: string, now = Date.now()): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ sessionId, code, at: now } satisfies PendingCheckIn));
  } catch {
    // full or disabled: the return address still carries the code
  }
}

/** The kept check-in, if there is one still fresh (for `sessionId` when given). */
export function pendingCheckIn(sessionId?: string, now = Date.now()): PendingCheckIn | null {
  try {
    const value = JSON.parse(storage()?.getItem(KEY) ?? 'null') as PendingCheckIn | null;
    if (!value || typeof value.sessionId !== 'string' || typeof value.code !== 'string') return null;
    if (typeof value.at !== 'number' || now - value.at > PENDING_CHECK_IN_MS || value.at > now + 60_000) return null;
    return sessionId && value.sessionId !== sessionId ? null : value;
  } catch {
    return null;
  }
}

export function clearPendingCheckIn(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

/** The check-in page's address for a session and a code. */
export function checkInUrl(sessionId: string, code?: string): string {
  return `/check-in/${encodeURIComponent(sessionId)}${code ? `?code=${encodeURIComponent(code)}` : ''}`;
}

/**
 * On the trainee's home: a check-in begun before signing in, whose return address a detour lost (an e-mail
 * confirmation, a two-factor set-up), is taken up again.
 */
export const pendingCheckInGuard: CanActivateFn = () => {
  const pending = pendingCheckIn();
  return pending ? inject(Router).parseUrl(checkInUrl(pending.sessionId, pending.code)) : true;
};
