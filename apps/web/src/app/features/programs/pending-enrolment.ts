import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

const STORAGE_KEY = 'sb.pendingEnrolment';
/** A wish to enrol outlives registration and the e-mail round trip, not a forgotten tab: a week. */
export const PENDING_ENROLMENT_MS = 7 * 24 * 3600_000;

/** The path of a program's public page. */
export const programPagePath = (code: string) => `/p/${encodeURIComponent(code)}`;

/**
 * The program a visitor pressed "Register and enrol" on, kept in this browser (localStorage) through
 * registration, the e-mail verification link (opened in the same browser) and sign-in, so that the enrolment is
 * made once they can. Nothing secret: a program code and when it was chosen.
 */
@Injectable({ providedIn: 'root' })
export class PendingEnrolment {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;

  remember(code: string, now = Date.now()): void {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify({ code, at: now }));
    } catch {
      // Storage refused (private mode, full): the flow still works, the person enrols by hand.
    }
  }

  /** The remembered program code, unless it is older than a week (then forgotten). */
  code(now = Date.now()): string | null {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      if (!raw) return null;
      const { code, at } = JSON.parse(raw) as { code?: unknown; at?: unknown };
      if (typeof code === 'string' && code && typeof at === 'number' && now - at < PENDING_ENROLMENT_MS) return code;
      this.forget();
      return null;
    } catch {
      return null;
    }
  }

  /** Where the remembered program's page is, or null. */
  path(now = Date.now()): string | null {
    const code = this.code(now);
    return code ? programPagePath(code) : null;
  }

  forget(): void {
    try {
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      // nothing kept
    }
  }
}
