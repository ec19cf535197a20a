import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  AuthUser,
  ChangePasswordRequest,
  LoginRequest,
  RegisterRequest,
  Role,
  SessionResponse,
  UpdateProfileRequest,
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
 * The session: the access token lives only in memory; the refresh token is an
 * HttpOnly cookie the page cannot read. On start-up (and after a reload) the
 * cookie is exchanged for a new access token, so the session survives.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly languages = inject(LanguageService);

  private readonly session = signal<{ token: string; user: AuthUser } | null>(null);
  private refreshing: Promise<boolean> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly role = computed(() => this.session()?.user.role ?? null);
  readonly signedIn = computed(() => this.session() !== null);

  get accessToken(): string | null {
    return this.session()?.token ?? null;
  }

  homeFor(role: Role | null): string {
    return role ? HOME_BY_ROLE[role] : '/';
  }

  private async start(response: SessionResponse, followLanguage: boolean): Promise<AuthUser> {
    this.session.set({ token: response.accessToken, user: response.user });
    if (followLanguage) await this.languages.use(response.user.preferredLocale);
    return response.user;
  }

  async login(request: LoginRequest): Promise<AuthUser> {
    return this.start(await firstValueFrom(this.http.post<SessionResponse>('/api/v1/auth/login', request)), true);
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
      .catch(() => {
        this.session.set(null);
        return false;
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
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

  async updateProfile(request: UpdateProfileRequest): Promise<AuthUser> {
    const user = await firstValueFrom(this.http.patch<AuthUser>('/api/v1/auth/me', request));
    this.session.update((s) => (s ? { ...s, user } : s));
    return user;
  }

  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await this.start(await firstValueFrom(this.http.post<SessionResponse>('/api/v1/auth/password', request)), false);
  }
}
