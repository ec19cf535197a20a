import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree } from '@angular/router';
import type { AuthUser, SessionResponse } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../i18n/language.service';
import { rolesGuard } from './auth.guards';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

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
});
const session = (role: AuthUser['role'], token = 'token-1'): SessionResponse => ({
  accessToken: token,
  expiresIn: 900,
  user: user(role),
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
