import type { Locale, Role } from '@skillbridge/contracts';

/** The signed-in person a request acts for, as every authorization decision sees them. */
export interface Viewer {
  userId: string;
  role: Role;
  institutionId: string | null;
  traineeId: string | null;
  instructorId: string | null;
}

/** What a service needs to know about the request it serves: who, from where, in which language. */
export interface RequestContext {
  viewer: Viewer | null;
  requestId: string;
  ip: string;
  locale: Locale;
}

/** The viewer of a route that requires sign-in (the guard guarantees it). */
export function signedIn(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw new Error('route requires a viewer but the request has none');
  return ctx.viewer;
}
