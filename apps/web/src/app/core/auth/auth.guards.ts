import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import type { Role } from '@skillbridge/contracts';
import { AuthService } from './auth.service';

/**
 * Route guards mirror the API's @Roles declarations so people see only
 * screens they may use; the API still decides every request.
 */
export function rolesGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    const role = auth.role();
    if (!role) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
    return roles.includes(role) ? true : router.createUrlTree([auth.homeFor(role)]);
  };
}

export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  return auth.signedIn() ? true : inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Sign-in and registration are for guests; a signed-in person goes home. */
export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return auth.signedIn() ? inject(Router).createUrlTree([auth.homeFor(auth.role())]) : true;
};

/** The public landing page is for guests; signed-in people land on their own home. */
export const landingMatch: CanMatchFn = () => {
  const auth = inject(AuthService);
  return auth.signedIn() ? inject(Router).createUrlTree([auth.homeFor(auth.role())]) : true;
};
