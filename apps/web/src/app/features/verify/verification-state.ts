import { HttpErrorResponse } from '@angular/common/http';
import { formatVerificationCode, normalizeVerificationCode, type Verification } from '@skillbridge/contracts';
import { problemOf } from '../../core/http/problem';
import { isExpired } from '../../shared/time/validity';

/** What the public page says about a code: one unmistakable state each. */
export type VerificationState =
  | { kind: 'loading' }
  | { kind: 'valid'; verification: Verification }
  | { kind: 'expired'; verification: Verification }
  | { kind: 'revoked'; verification: Verification }
  | { kind: 'replaced'; verification: Verification; replacedBy: string }
  | { kind: 'unknown' }
  | { kind: 'rate-limited'; retryAfterSeconds: number | null }
  | { kind: 'error'; code: string };

/**
 * The verdict on a certificate: a reissued one says what replaced it; an
 * issued one past its `validUntil` day (in its program's zone) has expired.
 */
export function stateOf(verification: Verification, now: Date = new Date()): VerificationState {
  if (verification.status === 'revoked') {
    return verification.replacedBy
      ? { kind: 'replaced', verification, replacedBy: verification.replacedBy.serial }
      : { kind: 'revoked', verification };
  }
  return isExpired(verification.validUntil, verification.timeZone, now)
    ? { kind: 'expired', verification }
    : { kind: 'valid', verification };
}

/** A failed check: 404 means no certificate has the code; 429 means too many checks from here. */
export function stateOfError(error: unknown): VerificationState {
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  if (status === 404) return { kind: 'unknown' };
  if (status === 429) {
    const header = Number((error as HttpErrorResponse).headers?.get('Retry-After'));
    return { kind: 'rate-limited', retryAfterSeconds: Number.isFinite(header) && header > 0 ? header : null };
  }
  return { kind: 'error', code: problemOf(error).code };
}

/** `SB-2026-000164`, also typed as `sb 2026 000164` or `SB2026000164`. */
const SERIAL = /^SB-?(\d{4})-?(\d{6,})$/i;
/** Codes of certificates issued before December 2026: 22 characters of base64url, where case matters. */
const LEGACY_CODE = /^[A-Za-z0-9_-]{22}$/;

/**
 * The serial or code in what a person typed or pasted — the serial printed on
 * the certificate, the code under its QR code (any case, with or without
 * dashes), or a whole verification link (`https://…/verify/<code>`) — in the
 * form the verification link carries; null when nothing was typed.
 */
export function codeFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const fromLink = /\/verify\/([^/?#\s]+)/.exec(trimmed);
  const typed = fromLink ? fromLink[1] : trimmed;
  let decoded: string;
  try {
    decoded = decodeURIComponent(typed);
  } catch {
    decoded = typed;
  }
  const key = decoded.replace(/\s+/g, '');
  if (!key) return null;
  const serial = SERIAL.exec(key);
  if (serial) return `SB-${serial[1]}-${serial[2]}`;
  if (LEGACY_CODE.test(key)) return key;
  // Anything else is left as typed: the API answers "no certificate" for it.
  return normalizeVerificationCode(key) ?? key;
}

/** Whether a key (as codeFromInput gives it) is a serial rather than a code. */
export function isSerial(key: string): boolean {
  return /^SB-\d{4}-\d{6,}$/.test(key);
}

/** A code as the certificate prints it (`7KQ4-M9TX-…`), or the key as it is when it is not a new-style code. */
export function printedCode(key: string): string {
  const code = normalizeVerificationCode(key);
  return code ? formatVerificationCode(code) : key;
}
