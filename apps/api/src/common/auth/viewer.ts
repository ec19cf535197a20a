import type { Locale, Role } from '@skillbridge/contracts';

/** The signed-in person a request acts for, as every authorization decision sees them. */
export interface Viewer {
  userId: string;
  role: Role;
  institutionId: string | null;
  traineeId: string | null;
  instructorId: string | null;
  /** The owner of the account's address proved it; until then a trainee account may browse but not apply. */
  emailVerified: boolean;
  /** The role requires two-factor sign-in and the account has not set it up: it may only do that. */
  mfaSetupRequired: boolean;
  /** The sign-in (device) the request's token belongs to; null for acts without one (seeding, tests). */
  sessionId: string | null;
}

/** What a service needs to know about the request it serves: who, from where, in which language. */
export interface RequestContext {
  viewer: Viewer | null;
  requestId: string;
  ip: string;
  locale: Locale;
  /** The client's User-Agent, for the sign-ins a person can list (absent outside HTTP requests). */
  userAgent?: string;
}

/** The viewer of a route that requires sign-in (the guard guarantees it). */
export function signedIn(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw new Error('route requires a viewer but the request has none');
  return ctx.viewer;
}
