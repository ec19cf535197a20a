import { SetMetadata } from '@nestjs/common';
import { ROLES, Role } from '@skillbridge/contracts';

export const ACCESS_METADATA = 'skillbridge:access';

/** Who may call a route. Every route declares one; a route without it is refused (and fails a test). */
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/** Signed-in users with one of these roles; which records they reach is the service's second check. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule);

export const MFA_SETUP_METADATA = 'skillbridge:during-mfa-setup';

/**
 * Open to an account whose role requires two-factor sign-in that it has not
 * set up yet; every route without it answers such an account 403
 * MFA_SETUP_REQUIRED.
 */
export const DuringMfaSetup = () => SetMetadata(MFA_SETUP_METADATA, true);

/** Any signed-in user. */
export const Authenticated = () => Roles(...ROLES);
