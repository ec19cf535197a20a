import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  isMfaChallenge,
  type AuthUser,
  type ChangePasswordRequest,
  type LoginRequest,
  type LoginResponse,
  type MfaChallenge,
  type MfaLoginRequest,
  type RegisterRequest,
  type Role,
  type SessionResponse,
  type UpdateProfileRequest,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { LanguageService } from '../i18n/language.service';

/** Where each role starts after signing in. */
export const HOME_BY_ROLE: Readonly<Record<Role, string>> = {
  admin: '/admin',
  instructor: '/instructor',
  partner: '/partner',
  trainee: '/trainee',
};

/**
 * The signed-in account, kept in this tab's sessionStorage (it survives a reload, not the tab): when a reload
 * finds no connection, the refresh cannot reach the API, and the person stays signed in with it until the
 * connection is back — an instructor taking attendance offline is not sent to the sign-in page.
 */
const OFFLINE_USER_KEY = 'sb.user';

function remembered(): AuthUser | null {
  try {
    const text = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(OFFLINE_USER_KEY);
    return text ? (JSON.parse(text) as AuthUser) : null;
  } catch {
    return null;
  }
}

function remember(user: AuthUser | null): void {
  try {
    if (typeof sessionStorage === 'undefined') return;
    if (user) sessionStorage.setItem(OFFLINE_USER_KEY, JSON.stringify(user));
    else sessionStorage.removeItem(OFFLINE_USER_KEY);
  } catch {
    // storage refused (private mode): only the offline reload is lost
  }
}

/** The one page an account whose role requires two-factor sign-in may use until it is set up. */
export const MFA_SETUP_PATH = '/two-factor-setup';

/**
 * The session: the access token lives only in memory; the refresh token is an
 * HttpOnly cookie the page cannot read. On start-up (and after a reload) the
 * cookie is exchanged for a new access token, so the session survives.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly languages = inject(LanguageService);

  private readonly state = signal<{ token: string; user: AuthUser } | null>(null);
  private readonly session = {
    set: (value: { token: string; user: AuthUser } | null) => {
      this.state.set(value);
      remember(value?.user ?? null);
    },
    update: (fn: (value: { token: string; user: AuthUser } | null) => { token: string; user: AuthUser } | null) =>
      this.session.set(fn(this.state())),
  };
  private refreshing: Promise<boolean> | null = null;

  readonly user = computed(() => this.state()?.user ?? null);
  readonly role = computed(() => this.state()?.user.role ?? null);
  readonly signedIn = computed(() => this.state() !== null);
  /** Signed in, but the e-mail address is not confirmed yet (the account may not act as a trainee). */
  readonly emailUnverified = computed(() => this.state()?.user.emailVerified === false);
  /** The role requires two-factor sign-in and it is not set up: the API refuses everything else. */
  readonly mfaSetupRequired = computed(() => this.state()?.user.mfaSetupRequired === true);

  /** The access token; empty while signed in without a connection (the next call renews it). */
  get accessToken(): string | null {
    return this.state()?.token || null;
  }

  homeFor(role: Role | null): string {
    return role ? HOME_BY_ROLE[role] : '/';
  }

  /** Where the signed-in person belongs now: the two-factor setup when it is owed, else their home. */
  landing(): string {
    return this.mfaSetupRequired() ? MFA_SETUP_PATH : this.homeFor(this.role());
  }

  private async start(response: SessionResponse, followLanguage: boolean): Promise<AuthUser> {
    // The flag comes on the session and on the user; either one means the same.
    const user: AuthUser = {
      ...response.user,
      mfaSetupRequired: response.user.mfaSetupRequired === true || response.mfaSetupRequired === true,
    };
    this.session.set({ token: response.accessToken, user });
    if (followLanguage) await this.languages.use(user.preferredLocale);
    return user;
  }

  /**
   * The first step of signing in. An account with two-factor sign-in gets a
   * challenge back instead of a session: finish with loginWithMfa().
   */
  async login(request: LoginRequest): Promise<AuthUser | MfaChallenge> {
    const response = await firstValueFrom(this.http.post<LoginResponse>('/api/v1/auth/login', request));
    return isMfaChallenge(response) ? response : this.start(response, true);
  }

  /** The second step: a code of the authenticator app, or a recovery code, with the challenge's token. */
  async loginWithMfa(request: MfaLoginRequest): Promise<AuthUser> {
    return this.start(await firstValueFrom(this.http.post<SessionResponse>('/api/v1/auth/login/mfa', request)), true);
  }

  async register(request: RegisterRequest): Promise<AuthUser> {
    return this.start(await firstValueFrom(this.http.post<SessionResponse>('/api/v1/auth/register', request)), false);
  }

  /** Restores the session after a reload, when the API left a session hint cookie. */
  restore(): Promise<boolean> {
    const hinted = typeof document !== 'undefined' && /(^|;\s*)sb_session=/.test(document.cookie);
    return hinted ? this.refresh() : Promise.resolve(false);
  }

  /**
   * Exchanges the refresh cookie for a new access token; concurrent callers
   * share one request (the server rotates the cookie on each use).
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= firstValueFrom(this.http.post<SessionResponse>('/api/v1/auth/refresh', null))
      .then((response) => this.start(response, false).then(() => true))
      .catch((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 0) {
          // No connection, not a refused session: stay signed in (after a reload, as the account this tab had).
          const user = this.state()?.user ?? remembered();
          if (user) this.state.set({ token: this.state()?.token ?? '', user });
          return false;
        }
        this.session.set(null);
        return false;
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Reads the account again (after its e-mail was confirmed or two-factor was set up elsewhere on the page). */
  async reloadUser(): Promise<AuthUser> {
    const user = await firstValueFrom(this.http.get<AuthUser>('/api/v1/auth/me'));
    this.session.update((s) => (s ? { ...s, user } : s));
    return user;
  }

  /** The API said the account must set up two-factor sign-in first: remember it and go there. */
  async requireMfaSetup(): Promise<void> {
    this.session.update((s) => (s ? { ...s, user: { ...s.user, mfaSetupRequired: true } } : s));
    await this.router.navigateByUrl(MFA_SETUP_PATH);
  }

  async logout(): Promise<void> {
    await firstValueFrom(this.http.post('/api/v1/auth/logout', null)).catch(() => undefined);
    this.session.set(null);
    await this.router.navigateByUrl('/sign-in');
  }

  /** Drops a session the server no longer accepts and asks the person to sign in again. */
  async expire(returnUrl: string): Promise<void> {
    this.session.set(null);
    await this.router.navigate(['/sign-in'], { queryParams: { returnUrl } });
  }

  /** Forgets the session in this page only (the server already ended it, e.g. by a password reset). */
  forget(): void {
    this.session.set(null);
  }

  async updateProfile(request: UpdateProfileRequest): Promise<AuthUser> {
    const user = await firstValueFrom(this.http.patch<AuthUser>('/api/v1/auth/me', request));
    this.session.update((s) => (s ? { ...s, user } : s));
    return user;
  }

  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await this.start(await firstValueFrom(this.http.post<SessionResponse>('/api/v1/auth/password', request)), false);
  }
}
