import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccountSession,
  ChangeEmailRequest,
  MfaReauthRequest,
  PasswordResetConfirmRequest,
  RecoveryCodes,
  TotpSetup,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';

/**
 * Typed calls for the account's own security: e-mail confirmation, password
 * reset, unlocking, two-factor sign-in and the signed-in devices. Signing in
 * and out stay with AuthService, which owns the session.
 */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** Follows the link of a verification (or e-mail change) e-mail. */
  verifyEmail(token: string): Observable<void> {
    return this.http.post<void>('/api/v1/auth/verify-email', { token });
  }

  resendVerification(): Observable<void> {
    return this.http.post<void>('/api/v1/auth/verify-email/resend', null);
  }

  /** Always 202, whether or not an account has that address. */
  requestPasswordReset(email: string): Observable<void> {
    return this.http.post<void>('/api/v1/auth/password-reset', { email });
  }

  confirmPasswordReset(body: PasswordResetConfirmRequest): Observable<void> {
    return this.http.post<void>('/api/v1/auth/password-reset/confirm', body);
  }

  unlock(token: string): Observable<void> {
    return this.http.post<void>('/api/v1/auth/unlock', { token });
  }

  /** A new secret, not active until confirmTotp() gets a code made with it. */
  startTotp(password: string): Observable<TotpSetup> {
    return this.http.post<TotpSetup>('/api/v1/auth/mfa/totp', { password });
  }

  confirmTotp(code: string): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>('/api/v1/auth/mfa/totp/confirm', { code });
  }

  disableTotp(body: MfaReauthRequest): Observable<void> {
    return this.http.delete<void>('/api/v1/auth/mfa/totp', { body });
  }

  newRecoveryCodes(body: MfaReauthRequest): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>('/api/v1/auth/mfa/recovery-codes', body);
  }

  changeEmail(body: ChangeEmailRequest): Observable<void> {
    return this.http.post<void>('/api/v1/auth/email', body);
  }

  sessions(): Observable<AccountSession[]> {
    return this.http.get<AccountSession[]>('/api/v1/auth/sessions');
  }

  endSession(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/auth/sessions/${id}`);
  }

  endOtherSessions(): Observable<void> {
    return this.http.delete<void>('/api/v1/auth/sessions');
  }
}
