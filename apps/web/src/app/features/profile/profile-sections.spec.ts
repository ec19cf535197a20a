import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AccountSession, AuthUser, Locale } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { zonesWith } from './profile.page';
import { SessionsSectionComponent } from './sessions-section.component';
import { TwoFactorSectionComponent } from './two-factor-section.component';

const USER: AuthUser = {
  id: 'u1',
  email: 'nok@rmutt.test',
  fullName: 'นก',
  role: 'partner',
  institutionId: 'i1',
  preferredLocale: 'th',
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2024-09-01T00:00:00Z',
  emailVerified: true,
  mfaEnabled: true,
  mfaSetupRequired: false,
};
const SESSIONS: AccountSession[] = [
  {
    id: 's-phone',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    createdAt: '2025-01-02T03:00:00Z',
    lastUsedAt: '2025-01-05T03:30:00Z',
    current: false,
  },
  {
    id: 's-desk',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    createdAt: '2025-01-03T03:00:00Z',
    lastUsedAt: '2025-01-06T10:15:00Z',
    current: true,
  },
  {
    id: 's-odd',
    userAgent: null,
    createdAt: '2025-01-01T03:00:00Z',
    lastUsedAt: '2025-01-01T04:00:00Z',
    current: false,
  },
];
const problem = (status: number, code: string) => ({ type: '', title: '', detail: '', status, code });

async function render<T>(component: Type<T>, locale: Locale) {
  TestBed.configureTestingModule({
    imports: [component],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  // Signed in as the partner above.
  const auth = TestBed.inject(AuthService);
  const login = auth.login({ email: USER.email, password: 'x' });
  backend.expectOne('/api/v1/auth/login').flush({ accessToken: 't', expiresIn: 900, user: USER });
  await login;
  await TestBed.inject(LanguageService).use(locale);
  const fixture = TestBed.createComponent(component);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const one = <E extends HTMLElement = HTMLElement>(id: string) => element.querySelector<E>(`[data-testid="${id}"]`);
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const type = (id: string, value: string) => {
    const input = one<HTMLInputElement>(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  return { backend, auth, one, all, text, settle, type };
}

describe('SessionsSectionComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists this device first, names each device, dates them in Thai (Buddhist era) and signs one out', async () => {
    const { backend, one, all, text, settle } = await render(SessionsSectionComponent, 'th');
    backend.expectOne('/api/v1/auth/sessions').flush(SESSIONS);
    await settle();

    const rows = all('session');
    expect(rows.map((row) => text(row.querySelector('[data-testid="session-device"]')))).toEqual([
      'Firefox บน Windows อุปกรณ์นี้',
      'Chrome บน Android',
      'อุปกรณ์ที่ไม่รู้จัก',
    ]);
    expect(text(rows[0])).toContain('2568'); // 2025 in the Buddhist era
    expect(text(rows[0])).toContain('17:15'); // 10:15 UTC in Bangkok
    expect(rows[0].querySelector('[data-testid="session-sign-out"]')).toBeNull();

    (rows[1].querySelector('[data-testid="session-sign-out"]') as HTMLButtonElement).click();
    await settle();
    const end = backend.expectOne('/api/v1/auth/sessions/s-phone');
    expect(end.request.method).toBe('DELETE');
    end.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(all('session').map((row) => row.dataset['current'])).toEqual(['true', 'false']);
    expect(text(one('sessions-notice'))).toBe('อุปกรณ์นั้นออกจากระบบแล้ว');
  });

  it('signs out everywhere else, keeping this device', async () => {
    const { backend, one, all, settle } = await render(SessionsSectionComponent, 'en');
    backend.expectOne('/api/v1/auth/sessions').flush(SESSIONS);
    await settle();
    one('sign-out-others')?.click();
    await settle();
    const end = backend.expectOne('/api/v1/auth/sessions');
    expect(end.request.method).toBe('DELETE');
    end.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(all('session')).toHaveLength(1);
    expect(one('session-current')?.textContent?.trim()).toBe('This device');
    expect(one('sign-out-others')).toBeNull();
  });
});

describe('TwoFactorSectionComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('explains that the role requires two-factor when turning it off is refused', async () => {
    const { backend, one, text, settle, type } = await render(TwoFactorSectionComponent, 'en');
    expect(one('two-factor-status')?.dataset['enabled']).toBe('true');
    one('turn-off-two-factor')?.click();
    await settle();
    type('reauth-password', 'correct horse battery');
    type('reauth-code', '123 456');
    one('reauth-submit')?.click();
    await settle();
    const request = backend.expectOne('/api/v1/auth/mfa/totp');
    expect(request.request.method).toBe('DELETE');
    expect(request.request.body).toEqual({ password: 'correct horse battery', code: '123456' });
    request.flush(problem(409, 'MFA_REQUIRED_FOR_ROLE'), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text(one('two-factor-error'))).toBe('Your role requires two-factor sign-in, so it cannot be turned off.');
  });

  it('makes new recovery codes with a recovery code, and shows them once', async () => {
    const { backend, one, all, settle, type } = await render(TwoFactorSectionComponent, 'en');
    one('new-recovery-codes')?.click();
    await settle();
    type('reauth-password', 'correct horse battery');
    type('reauth-code', 'k7pq-2mzx');
    one('reauth-submit')?.click();
    await settle();
    const request = backend.expectOne('/api/v1/auth/mfa/recovery-codes');
    expect(request.request.body).toEqual({ password: 'correct horse battery', recoveryCode: 'k7pq-2mzx' });
    request.flush({ recoveryCodes: ['a1', 'b2'] });
    await settle();
    expect(all('recovery-code').map((e) => e.textContent)).toEqual(['a1', 'b2']);
  });
});

describe('zonesWith', () => {
  it('offers the account’s own zone even when the browser’s list lacks it (UTC)', () => {
    const zones = zonesWith('UTC');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Asia/Bangkok');
    expect(zonesWith('Asia/Bangkok').filter((zone) => zone === 'Asia/Bangkok')).toHaveLength(1);
  });
});
