import { HttpErrorResponse } from '@angular/common/http';
import type { Verification } from '@skillbridge/contracts';
import { problemOf } from '../../core/http/problem';

/** What the public page says about a code: one unmistakable state each. */
export type VerificationState =
  | { kind: 'loading' }
  | { kind: 'valid'; verification: Verification }
  | { kind: 'revoked'; verification: Verification }
  | { kind: 'unknown' }
  | { kind: 'rate-limited'; retryAfterSeconds: number | null }
  | { kind: 'error'; code: string };

export function stateOf(verification: Verification): VerificationState {
  return verification.status === 'revoked' ? { kind: 'revoked', verification } : { kind: 'valid', verification };
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

/**
 * The code in what a person typed or pasted: the code itself, or a whole
 * verification link (`https://…/verify/<code>`, as printed under the QR code).
 */
export function codeFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const fromLink = /\/verify\/([^/?#\s]+)/.exec(trimmed);
  const code = fromLink ? fromLink[1] : trimmed;
  try {
    return decodeURIComponent(code).replace(/\s+/g, '') || null;
  } catch {
    return code.replace(/\s+/g, '') || null;
  }
}
