import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree } from '@angular/router';
import type { AuthUser, SessionResponse } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../i18n/language.service';
import { guestGuard, mfaSetupGuard, rolesGuard, signedInGuard } from './auth.guards';
import { authInterceptor } from './auth.interceptor';
import { AuthService, MFA_SETUP_PATH } from './auth.service';

const user = (role: AuthUser['role']): AuthUser => ({
  id: 'u1',
  email: 'somchai@e2e.test',
  fullName: 'สมชาย',
  role,
  institutionId: null,
  preferredLocale: 'th',
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2024-09-01T00:00:00Z',
  emailVerified: true,
  mfaEnabled: false,
  mfaSetupRequired: false,
});
const session = (role: AuthUser['role'], token = 'token-1', extra: Partial<SessionResponse> = {}): SessionResponse => ({
  accessToken: token,
  expiresIn: 900,
  user: user(role),
  ...extra,
});

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideTestTranslations(),
    ],
  });
  return {
    auth: TestBed.inject(AuthService),
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    languages: TestBed.inject(LanguageService),
  };
}

describe('AuthService and the auth interceptor', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('signs in, follows the account’s language and sends the token and language on API calls', async () => {
    const { auth, http, backend, languages } = setup();
    const login = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session('trainee'));
    await login;
    expect(auth.role()).toBe('trainee');
    expect(languages.current()).toBe('th');

    const call = firstValueFrom(http.get('/api/v1/auth/me'));
    const request = backend.expectOne('/api/v1/auth/me');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
    expect(request.request.headers.get('Accept-Language')).toBe('th');
    // Past the service worker: a call without a network must fail as such (status 0), not as its 504.
    expect(request.request.headers.get('ngsw-bypass')).toBe('true');
    request.flush(user('trainee'));
    await call;
  });

  it('renews an expired access token once and repeats the call', async () => {
    const { auth, http, backend } = setup();
    const login = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session('admin'));
    await login;

    const call = firstValueFrom(http.get<{ ok: boolean }>('/api/v1/users'));
    backend.expectOne('/api/v1/users').flush({ code: 'UNAUTHENTICATED' }, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    backend.expectOne('/api/v1/auth/refresh').flush(session('admin', 'token-2'));
    await new Promise((resolve) => setTimeout(resolve));
    const retried = backend.expectOne('/api/v1/users');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer token-2');
    retried.flush({ ok: true });
    expect(await call).toEqual({ ok: true });
  });

  it('ends the session when the refresh cookie is no longer valid', async () => {
    const { auth, http, backend } = setup();
    const login = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session('partner'));
    await login;
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    const call = firstValueFrom(http.get('/api/v1/auth/me'));
    backend.expectOne('/api/v1/auth/me').flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    backend.expectOne('/api/v1/auth/refresh').flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toBeTruthy();
    expect(auth.signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], expect.anything());
  });

  it('restores a session after a reload only when the session hint cookie is there', async () => {
    const { auth, backend } = setup();
    expect(await auth.restore()).toBe(false);
    backend.expectNone('/api/v1/auth/refresh');

    document.cookie = 'sb_session=1; path=/';
    const restored = auth.restore();
    backend.expectOne('/api/v1/auth/refresh').flush(session('instructor'));
    expect(await restored).toBe(true);
    expect(auth.role()).toBe('instructor');
    document.cookie = 'sb_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });
});

describe('signed in without a connection', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
    document.cookie = 'sb_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('stays signed in when a refresh finds no network, and is not sent to sign in', async () => {
    const { auth, http, backend } = setup();
    const login = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session('instructor'));
    await login;
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    const call = firstValueFrom(http.get('/api/v1/auth/me'));
    backend.expectOne('/api/v1/auth/me').flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    backend.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    await expect(call).rejects.toBeTruthy();
    expect(auth.signedIn()).toBe(true);
    expect(auth.role()).toBe('instructor');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('after a reload with no network, keeps the account this tab had until the connection is back', async () => {
    const first = setup();
    const login = first.auth.login({ email: 'a@b.co', password: 'x' });
    first.backend.expectOne('/api/v1/auth/login').flush(session('instructor'));
    await login;
    TestBed.resetTestingModule();

    // The reload: a new app, the hint cookie, no network.
    const { auth, http, backend } = setup();
    document.cookie = 'sb_session=1; path=/';
    const restored = auth.restore();
    backend.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    expect(await restored).toBe(false);
    expect(auth.role()).toBe('instructor');
    expect(auth.accessToken).toBeNull();

    // Back online: the first call without a token gets 401, the refresh now works, the call is repeated.
    const call = firstValueFrom(http.get('/api/v1/auth/me'));
    const unauthorized = backend.expectOne('/api/v1/auth/me');
    expect(unauthorized.request.headers.has('Authorization')).toBe(false);
    unauthorized.flush({}, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    backend.expectOne('/api/v1/auth/refresh').flush(session('instructor', 'token-2'));
    await new Promise((resolve) => setTimeout(resolve));
    const repeated = backend.expectOne('/api/v1/auth/me');
    expect(repeated.request.headers.get('Authorization')).toBe('Bearer token-2');
    repeated.flush(user('instructor'));
    await call;
  });

  it('forgets the account on sign-out, so a later offline reload is signed out', async () => {
    const first = setup();
    const login = first.auth.login({ email: 'a@b.co', password: 'x' });
    first.backend.expectOne('/api/v1/auth/login').flush(session('instructor'));
    await login;
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const out = first.auth.logout();
    first.backend.expectOne('/api/v1/auth/logout').flush(null);
    await out;
    TestBed.resetTestingModule();

    const { auth, backend } = setup();
    document.cookie = 'sb_session=1; path=/';
    const restored = auth.restore();
    backend.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    await restored;
    expect(auth.signedIn()).toBe(false);
  });
});

describe('rolesGuard', () => {
  it('sends guests to sign-in and other roles to their own home', async () => {
    const { auth, backend } = setup();
    const guard = rolesGuard('admin');
    const run = () =>
      TestBed.runInInjectionContext(() => guard({} as never, { url: '/admin/users' } as never)) as UrlTree | boolean;

    expect((run() as UrlTree).toString()).toBe('/sign-in?returnUrl=%2Fadmin%2Fusers');

    const login = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session('partner'));
    await login;
    expect((run() as UrlTree).toString()).toBe('/partner');
  });
});

describe('two-factor sign-in and the setup it may require', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const guard = (fn: typeof signedInGuard, url = '/admin') =>
    TestBed.runInInjectionContext(() => fn({} as never, { url } as never)) as UrlTree | boolean;

  it('answers a correct password of a two-factor account with the challenge, and no session until the code', async () => {
    const { auth, backend } = setup();
    const first = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush({ mfaRequired: true, mfaToken: 'challenge-1' });
    expect(await first).toEqual({ mfaRequired: true, mfaToken: 'challenge-1' });
    expect(auth.signedIn()).toBe(false);

    const second = auth.loginWithMfa({ mfaToken: 'challenge-1', code: '123456' });
    const request = backend.expectOne('/api/v1/auth/login/mfa');
    expect(request.request.body).toEqual({ mfaToken: 'challenge-1', code: '123456' });
    request.flush(session('partner'));
    expect((await second).role).toBe('partner');
    expect(auth.signedIn()).toBe(true);
  });

  it('keeps an account that owes its two-factor setup on the setup page, then lets it go home', async () => {
    const { auth, backend } = setup();
    const login = auth.login({ email: 'a@b.co', password: 'x' });
    // The flag may come on the session only; it counts all the same.
    backend.expectOne('/api/v1/auth/login').flush(session('admin', 'token-1', { mfaSetupRequired: true }));
    await login;
    expect(auth.mfaSetupRequired()).toBe(true);
    expect(auth.landing()).toBe(MFA_SETUP_PATH);
    expect((guard(rolesGuard('admin')) as UrlTree).toString()).toBe(MFA_SETUP_PATH);
    expect((guard(signedInGuard, '/profile') as UrlTree).toString()).toBe(MFA_SETUP_PATH);
    expect((guard(guestGuard, '/sign-in') as UrlTree).toString()).toBe(MFA_SETUP_PATH);
    expect(guard(mfaSetupGuard, MFA_SETUP_PATH)).toBe(true);

    // Set up: the account is read again and the rest of the app opens.
    const reload = auth.reloadUser();
    backend.expectOne('/api/v1/auth/me').flush({ ...user('admin'), mfaEnabled: true });
    await reload;
    expect(auth.mfaSetupRequired()).toBe(false);
    expect(guard(rolesGuard('admin'))).toBe(true);
    expect((guard(mfaSetupGuard, MFA_SETUP_PATH) as UrlTree).toString()).toBe('/admin');
  });

  it('sends guests away from the setup page to sign in', () => {
    setup();
    expect((guard(mfaSetupGuard, MFA_SETUP_PATH) as UrlTree).toString()).toBe('/sign-in?returnUrl=%2Ftwo-factor-setup');
  });

  it('takes the person to the setup page when the API says the role now requires two-factor', async () => {
    const { auth, http, backend } = setup();
    const login = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session('partner'));
    await login;
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    const call = firstValueFrom(http.get('/api/v1/programs'));
    backend
      .expectOne('/api/v1/programs')
      .flush({ code: 'MFA_SETUP_REQUIRED', status: 403 }, { status: 403, statusText: 'Forbidden' });
    await expect(call).rejects.toBeTruthy();
    expect(auth.mfaSetupRequired()).toBe(true);
    expect(navigate).toHaveBeenCalledWith(MFA_SETUP_PATH);
  });

  it('does not mistake another 403 for a missing two-factor setup', async () => {
    const { auth, http, backend } = setup();
    const login = auth.login({ email: 'a@b.co', password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session('trainee'));
    await login;
    const call = firstValueFrom(http.post('/api/v1/programs/p1/enrolments', {}));
    backend
      .expectOne('/api/v1/programs/p1/enrolments')
      .flush({ code: 'EMAIL_NOT_VERIFIED', status: 403 }, { status: 403, statusText: 'Forbidden' });
    await expect(call).rejects.toBeTruthy();
    expect(auth.mfaSetupRequired()).toBe(false);
  });

  it('tells an unconfirmed account apart, and forgets a session the server ended', async () => {
    const { auth, backend } = setup();
    const register = auth.register({ email: 'a@b.co', password: 'x', fullName: 'A', nationality: 'TH', consents: [] });
    backend
      .expectOne('/api/v1/auth/register')
      .flush({ ...session('trainee'), user: { ...user('trainee'), emailVerified: false } });
    await register;
    expect(auth.emailUnverified()).toBe(true);
    auth.forget();
    expect(auth.signedIn()).toBe(false);
    expect(auth.emailUnverified()).toBe(false);
  });
});
