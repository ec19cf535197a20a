import { ChangeDetectionStrategy, Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree } from '@angular/router';
import type { AuthUser, CheckInResult, Locale, SessionResponse } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { CheckInPage } from './check-in.page';
import { keepPendingCheckIn, pendingCheckIn, pendingCheckInGuard, PENDING_CHECK_IN_MS } from './pending-check-in';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

const user = (role: AuthUser['role'], preferredLocale: Locale): AuthUser => ({
  id: 'u1',
  email: 'malee@e2e.test',
  fullName: 'มาลี ศรีสุข',
  role,
  institutionId: null,
  preferredLocale,
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2024-09-01T00:00:00Z',
  emailVerified: true,
  mfaEnabled: false,
  mfaSetupRequired: false,
});

const RESULT: CheckInResult = {
  sessionId: 's1',
  status: 'present',
  checkedInAt: '2026-12-07T01:03:00.000Z',
  sessionTitle: { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชา' },
  startsAt: '2026-12-07T01:00:00.000Z',
  endsAt: '2026-12-07T03:00:00.000Z',
  timezone: 'Asia/Shanghai',
};

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

/** The page as the QR opens it: signed out, or signed in (through the real sign-in refresh) with a role. */
async function render(options: { role?: AuthUser['role']; locale?: Locale; code?: string } = {}) {
  TestBed.configureTestingModule({
    imports: [CheckInPage],
    providers: [
      provideRouter([{ path: 'sign-in', component: Blank }]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestTranslations(),
    ],
  });
  const locale = options.locale ?? 'en';
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  if (options.role) {
    const auth = TestBed.inject(AuthService);
    const refreshed = auth.refresh();
    const session: SessionResponse = { accessToken: 'token', expiresIn: 900, user: user(options.role, locale) };
    backend.expectOne('/api/v1/auth/refresh').flush(session);
    await refreshed;
  }
  const fixture = TestBed.createComponent(CheckInPage);
  fixture.componentRef.setInput('sessionId', 's1');
  if (options.code !== undefined) fixture.componentRef.setInput('code', options.code);
  fixture.detectChanges();
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { fixture, backend, element, one, router: TestBed.inject(Router) };
}

describe('CheckInPage', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('signed out: goes to sign-in with a return address that keeps the code, and keeps it in the tab too', async () => {
    const { router, backend } = await render({ code: 'K7M4QX9P' });
    expect(router.url).toBe(`/sign-in?returnUrl=${encodeURIComponent('/check-in/s1?code=K7M4QX9P')}`);
    expect(pendingCheckIn('s1')).toMatchObject({ sessionId: 's1', code: 'K7M4QX9P' });
    backend.expectNone('/api/v1/sessions/s1/check-in');
  });

  it('signed in as a trainee: checks in at once and says present, for which session, in her language', async () => {
    const { fixture, backend, one } = await render({ role: 'trainee', locale: 'zh', code: 'K7M4QX9P' });
    const request = backend.expectOne('/api/v1/sessions/s1/check-in');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ code: 'K7M4QX9P' });
    request.flush(RESULT);
    await settle(fixture);
    expect(one('check-in-status')?.textContent?.trim()).toBe('签到成功：出勤');
    expect(one('check-in-session')?.textContent?.trim()).toBe('茶文化');
    // 09:00–11:00 in Shanghai.
    expect(one('check-in-done')?.textContent).toMatch(/09:00.*11:00/);
    expect(one('check-in-code-input')).toBeNull();
  });

  it('an expired code: says to scan again, and a code typed by hand checks in (late, the instructor’s mark kept)', async () => {
    const { fixture, backend, one } = await render({ role: 'trainee', code: 'OLDCODE2' });
    backend
      .expectOne('/api/v1/sessions/s1/check-in')
      .flush(
        { code: 'CHECK_IN_CODE_INVALID', status: 400, title: 'Code not valid', detail: '', type: 'about:blank' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    expect(one('check-in-failure')?.textContent).toContain('This code has expired. Scan the code on the screen again');
    const input = one('check-in-code-input') as HTMLInputElement;
    (one('check-in-submit') as HTMLButtonElement).click();
    await settle(fixture);
    expect(one('check-in-code-missing')?.textContent?.trim()).toBe('Please fill this in.');
    input.value = 'k7m4 qx9p';
    input.dispatchEvent(new Event('input'));
    (one('check-in-submit') as HTMLButtonElement).click();
    await settle(fixture);
    const request = backend.expectOne('/api/v1/sessions/s1/check-in');
    expect(request.request.body).toEqual({ code: 'k7m4 qx9p' });
    request.flush({ ...RESULT, status: 'late', keptMark: 'excused' });
    await settle(fixture);
    expect(one('check-in-status')?.textContent?.trim()).toBe('You are checked in: late');
    expect(one('check-in-kept')?.textContent).toContain('“Excused”');
  });

  it('closed check-in or not enrolled: says so in words, without a code field that cannot help', async () => {
    const { fixture, backend, one } = await render({ role: 'trainee', locale: 'th', code: 'K7M4QX9P' });
    backend
      .expectOne('/api/v1/sessions/s1/check-in')
      .flush(
        { code: 'NOT_CONFIRMED', status: 403, title: '', detail: '', type: 'about:blank' },
        { status: 403, statusText: 'Forbidden' },
      );
    await settle(fixture);
    expect(one('check-in-failure')?.textContent).toContain('เฉพาะผู้เข้าอบรมที่ได้รับการยืนยัน');
    expect(one('check-in-code-input')).toBeNull();
  });

  it('takes up a code kept before a sign-in detour, once', async () => {
    keepPendingCheckIn('s1', 'KEPT2345');
    const { fixture, backend } = await render({ role: 'trainee' });
    const request = backend.expectOne('/api/v1/sessions/s1/check-in');
    expect(request.request.body).toEqual({ code: 'KEPT2345' });
    request.flush(RESULT);
    await settle(fixture);
    expect(pendingCheckIn()).toBeNull();
  });

  it('signed in with another role: says only trainees check in, and sends nothing', async () => {
    const { one, backend } = await render({ role: 'instructor', code: 'K7M4QX9P' });
    expect(one('check-in-not-trainee')?.textContent).toContain('Only trainees check in');
    backend.expectNone('/api/v1/sessions/s1/check-in');
  });
});

describe('pendingCheckInGuard', () => {
  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });
  const guard = () =>
    TestBed.runInInjectionContext(() => pendingCheckInGuard({} as never, {} as never)) as boolean | UrlTree;

  it('leads the trainee’s home back to a check-in kept in this tab, while it is fresh', () => {
    expect(guard()).toBe(true);
    keepPendingCheckIn('s1', 'K7M4QX9P');
    expect(String(guard())).toBe('/check-in/s1?code=K7M4QX9P');
    keepPendingCheckIn('s1', 'K7M4QX9P', Date.now() - PENDING_CHECK_IN_MS - 1000);
    expect(guard()).toBe(true);
  });
});
