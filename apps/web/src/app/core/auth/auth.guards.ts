import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import type { Role } from '@skillbridge/contracts';
import { AuthService, MFA_SETUP_PATH } from './auth.service';

/**
 * Route guards mirror the API's @Roles declarations so people see only
 * screens they may use; the API still decides every request. An account that
 * owes its two-factor setup is kept on that page: the API refuses it all else.
 */
export function rolesGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const role = auth.role();
    if (!role) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
    if (auth.mfaSetupRequired()) return router.createUrlTree([MFA_SETUP_PATH]);
    return roles.includes(role) ? true : router.createUrlTree([auth.homeFor(role)]);
  };
}

export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!auth.signedIn()) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
  return auth.mfaSetupRequired() ? router.createUrlTree([MFA_SETUP_PATH]) : true;
};

/** The two-factor setup page: only for a signed-in account that owes it; others go home. */
export const mfaSetupGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!auth.signedIn()) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
  return auth.mfaSetupRequired() ? true : router.createUrlTree([auth.landing()]);
};

/** Sign-in and registration are for guests; a signed-in person goes home. */
export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return auth.signedIn() ? inject(Router).createUrlTree([auth.landing()]) : true;
};

/** The public landing page is for guests; signed-in people land on their own home. */
export const landingMatch: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.signedIn() ? inject(Router).createUrlTree([auth.landing()]) : true;
};
