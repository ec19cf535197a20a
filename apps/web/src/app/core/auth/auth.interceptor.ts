import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ErrorCode } from '@skillbridge/contracts';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { LanguageService } from '../i18n/language.service';
import { AuthService } from './auth.service';

/** Sign-in endpoints answer 401 for their own reasons; retrying them with a refresh would be wrong. */
const SESSION_ENDPOINTS = /\/api\/v1\/auth\/(login|login\/mfa|register|refresh|logout)$/;

/**
 * API calls go past the service worker (`ngsw-bypass`): it would answer a call that finds no network with a
 * made-up 504, where the app must see "no connection" (status 0) to keep a register's marks on the phone.
 */
function withHeaders(request: HttpRequest<unknown>, token: string | null, language: string): HttpRequest<unknown> {
  return request.clone({
    setHeaders: {
      'Accept-Language': language,
      'ngsw-bypass': 'true',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
}

/**
 * Every API call carries the viewer's language (the API answers problems in
 * it) and the access token. A 401 means the short-lived token expired: renew
 * it once from the refresh cookie and repeat the call; if that fails, the
 * session is over. A 403 MFA_SETUP_REQUIRED means the account's role now
 * requires two-factor sign-in: the person is taken to set it up.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/')) return next(request);
  const auth = inject(AuthService);
  const router = inject(Router);
  const language = inject(LanguageService).current();

  return next(withHeaders(request, auth.accessToken, language)).pipe(
    catchError((error: unknown) => {
      if (mfaSetupRequired(error)) void auth.requireMfaSetup();
      const expired = error instanceof HttpErrorResponse && error.status === 401 && auth.signedIn();
      if (!expired || SESSION_ENDPOINTS.test(request.url)) return throwError(() => error);
      return from(auth.refresh()).pipe(
        switchMap((renewed) => {
          if (renewed) return next(withHeaders(request, auth.accessToken, language));
          // Still signed in: the refresh found no connection, which ends no session.
          if (!auth.signedIn()) void auth.expire(router.url);
          return throwError(() => error);
        }),
      );
    }),
  );
};

function mfaSetupRequired(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 403 &&
    (error.error as { code?: unknown } | null)?.code === ErrorCode.MfaSetupRequired
  );
}
