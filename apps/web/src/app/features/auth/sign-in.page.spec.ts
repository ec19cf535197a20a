import { HttpErrorResponse, HttpHeaders, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuthUser, SessionResponse } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { LanguageService } from '../../core/i18n/language.service';
import { retryAfterMinutes } from './sign-in-failure';
import { SignInPage } from './sign-in.page';

const user: AuthUser = {
  id: 'u1',
  email: 'nok@rmutt.test',
  fullName: 'Nok',
  role: 'partner',
  institutionId: 'i1',
  preferredLocale: 'en',
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2024-09-01T00:00:00Z',
  emailVerified: true,
  mfaEnabled: true,
  mfaSetupRequired: false,
};
const session = (extra: Partial<AuthUser> = {}): SessionResponse => ({
  accessToken: 't',
  expiresIn: 900,
  user: { ...user, ...extra },
});
const problem = (status: number, code: string) => ({ type: '', title: '', detail: '', status, code });

async function render() {
  TestBed.configureTestingModule({
    imports: [SignInPage],
    providers: [
      provideRouter([]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideTestTranslations(),
    ],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  const fixture = TestBed.createComponent(SignInPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const one = <T extends HTMLElement = HTMLElement>(id: string) => element.querySelector<T>(`[data-testid="${id}"]`);
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const type = (id: string, value: string) => {
    const input = one<HTMLInputElement>(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submitPassword = async () => {
    type('email', 'nok@rmutt.test');
    type('password', 'correct horse battery');
    one('sign-in-submit')?.click();
    await settle();
  };
  const toCodeStep = async () => {
    await submitPassword();
    backend.expectOne('/api/v1/auth/login').flush({ mfaRequired: true, mfaToken: 'challenge-1' });
    await settle();
  };
  return { fixture, element, backend, navigate, one, text, type, settle, submitPassword, toCodeStep };
}

describe('SignInPage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    TestBed.inject(HttpTestingController).verify();
  });

  it('asks a two-factor account for its app code, on a field made for one-time codes', async () => {
    const { one, toCodeStep, navigate } = await render();
    await toCodeStep();
    expect(navigate).not.toHaveBeenCalled();
    expect(one('password')).toBeNull();
    const code = one<HTMLInputElement>('mfa-code');
    expect(code?.getAttribute('inputmode')).toBe('numeric');
    expect(code?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(document.activeElement).toBe(code);
  });

  it('says a wrong code was not accepted, keeps the step, and signs in with the right one', async () => {
    const { one, text, type, settle, backend, navigate, toCodeStep } = await render();
    await toCodeStep();

    type('mfa-code', '123 456');
    one('mfa-submit')?.click();
    await settle();
    const wrong = backend.expectOne('/api/v1/auth/login/mfa');
    expect(wrong.request.body).toEqual({ mfaToken: 'challenge-1', code: '123456' });
    wrong.flush(problem(401, 'INVALID_CREDENTIALS'), { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(text('sign-in-error')).toBe('That code was not accepted. Enter the code your app shows now.');
    expect(one<HTMLInputElement>('mfa-code')?.value).toBe('');

    type('mfa-code', '654321');
    one('mfa-submit')?.click();
    await settle();
    backend.expectOne('/api/v1/auth/login/mfa').flush(session());
    await settle();
    expect(navigate).toHaveBeenCalledWith('/partner');
  });

  it('checks the code has six digits before sending it', async () => {
    const { one, text, type, settle, backend, toCodeStep } = await render();
    await toCodeStep();
    type('mfa-code', '12345');
    one('mfa-submit')?.click();
    await settle();
    backend.expectNone('/api/v1/auth/login/mfa');
    expect(text('field-error')).toBe('Enter the 6 digits your authenticator app shows.');
  });

  it('says nothing when the e-mail field is left for "Forgot password?" under it, and what is missing on submit', async () => {
    const { one, element, settle } = await render();
    one('email')?.dispatchEvent(new Event('blur'));
    await settle();
    expect(one('field-error')).toBeNull();
    expect(one('email')?.getAttribute('aria-invalid')).not.toBe('true');
    one('sign-in-submit')?.click();
    await settle();
    const errors = [...element.querySelectorAll('[data-testid="field-error"]')].map((e) => e.textContent?.trim());
    expect(errors).toEqual(['Please fill this in.', 'Please fill this in.']);
    expect(one('email')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('says nothing when the empty code field is left for "use a recovery code" (the button must not move away)', async () => {
    const { one, text, settle, backend, toCodeStep } = await render();
    await toCodeStep();
    const code = one<HTMLInputElement>('mfa-code') as HTMLInputElement;
    code.dispatchEvent(new Event('blur'));
    await settle();
    expect(one('field-error')).toBeNull();
    // Submitted empty, it says so, and keeps saying it as the field is edited.
    one('mfa-submit')?.click();
    await settle();
    backend.expectNone('/api/v1/auth/login/mfa');
    expect(text('field-error')).toBe('Please fill this in.');
    // Leaving for the recovery step starts that step without an error either.
    one('use-recovery-code')?.click();
    await settle();
    (one<HTMLInputElement>('mfa-recovery-code') as HTMLInputElement).dispatchEvent(new Event('blur'));
    await settle();
    expect(one('field-error')).toBeNull();
  });

  it('takes a recovery code instead, on request', async () => {
    const { one, type, settle, backend, navigate, toCodeStep } = await render();
    await toCodeStep();
    one('use-recovery-code')?.click();
    await settle();
    expect(one('mfa-code')).toBeNull();
    type('mfa-recovery-code', ' k7pq-2mzx ');
    one('mfa-submit')?.click();
    await settle();
    const request = backend.expectOne('/api/v1/auth/login/mfa');
    expect(request.request.body).toEqual({ mfaToken: 'challenge-1', recoveryCode: 'k7pq-2mzx' });
    request.flush(session());
    await settle();
    expect(navigate).toHaveBeenCalledWith('/partner');
  });

  it('goes back to the password when the challenge expired (the API refuses it like a wrong code)', async () => {
    const { one, text, type, settle, backend, toCodeStep } = await render();
    const start = Date.now();
    await toCodeStep();
    // Five minutes later, the same answer as a wrong code means the challenge ran out.
    jest.spyOn(Date, 'now').mockReturnValue(start + 5 * 60_000);
    type('mfa-code', '123456');
    one('mfa-submit')?.click();
    await settle();
    backend
      .expectOne('/api/v1/auth/login/mfa')
      .flush(problem(401, 'INVALID_CREDENTIALS'), { status: 401, statusText: 'Unauthorized' });
    await settle();
    expect(one('mfa-step')).toBeNull();
    expect(one<HTMLInputElement>('password')?.value).toBe('');
    expect(text('sign-in-error')).toBe('That took too long. Please sign in again with your password.');
  });

  it('sends an account that owes its two-factor setup straight to the setup page', async () => {
    const { submitPassword, backend, settle, navigate } = await render();
    await submitPassword();
    backend.expectOne('/api/v1/auth/login').flush({ ...session({ mfaEnabled: false }), mfaSetupRequired: true });
    await settle();
    expect(navigate).toHaveBeenCalledWith('/two-factor-setup');
  });

  it('tells a locked account from a throttled device', async () => {
    const { text, submitPassword, backend, settle } = await render();
    await submitPassword();
    backend
      .expectOne('/api/v1/auth/login')
      .flush(problem(429, 'ACCOUNT_LOCKED'), { status: 429, statusText: 'Too Many Requests' });
    await settle();
    expect(text('sign-in-error')).toBe(
      'Too many failed attempts for this account. If it is yours, we e-mailed you a link to unlock it.',
    );

    await submitPassword();
    backend.expectOne('/api/v1/auth/login').flush(problem(429, 'TOO_MANY_REQUESTS'), {
      status: 429,
      statusText: 'Too Many Requests',
      headers: new HttpHeaders({ 'Retry-After': '150' }),
    });
    await settle();
    expect(text('sign-in-error')).toBe(
      'Too many attempts from this device or network. Please wait 3 min and try again.',
    );
  });
});

describe('retryAfterMinutes', () => {
  const tooMany = (value: string) =>
    new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': value }) });

  it('reads seconds and HTTP dates, rounding up to whole minutes', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    expect(retryAfterMinutes(tooMany('30'), now)).toBe(1);
    expect(retryAfterMinutes(tooMany('900'), now)).toBe(15);
    expect(retryAfterMinutes(tooMany('Sun, 06 Dec 2026 10:04:10 GMT'), now)).toBe(5);
    expect(retryAfterMinutes(tooMany('soon'), now)).toBeNull();
    expect(retryAfterMinutes(new HttpErrorResponse({ status: 429 }), now)).toBeNull();
  });
});
