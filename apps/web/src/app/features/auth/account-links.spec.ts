import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthUser } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ShellComponent } from '../../core/layout/shell.component';
import { ForgotPasswordPage } from './forgot-password.page';
import { ResetPasswordPage } from './reset-password.page';
import { UnlockPage } from './unlock.page';
import { VerifyEmailPage } from './verify-email.page';

const TRAINEE: AuthUser = {
  id: 'u1',
  email: 'malee@example.ac.th',
  fullName: 'Malee',
  role: 'trainee',
  institutionId: null,
  preferredLocale: 'en',
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2024-09-01T00:00:00Z',
  emailVerified: false,
  mfaEnabled: false,
  mfaSetupRequired: false,
};
const problem = (status: number, code: string, errors: unknown[] = []) => ({
  type: '',
  title: '',
  detail: '',
  status,
  code,
  errors,
});

async function setup(signedIn: AuthUser | null) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const auth = TestBed.inject(AuthService);
  if (signedIn) {
    const register = auth.register({
      email: signedIn.email,
      password: 'x',
      fullName: 'M',
      nationality: 'TH',
      consents: [],
    });
    backend.expectOne('/api/v1/auth/register').flush({ accessToken: 't', expiresIn: 900, user: signedIn });
    await register;
  }
  return { backend, auth };
}

async function render<T>(component: Type<T>, inputs: Record<string, unknown> = {}) {
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const one = <E extends HTMLElement = HTMLElement>(id: string) => element.querySelector<E>(`[data-testid="${id}"]`);
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
  return { fixture, element, one, text, settle, type };
}

describe('the verification banner and page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows an unconfirmed account the banner, asks for another link, and says to wait when throttled', async () => {
    const { backend } = await setup(TRAINEE);
    const { one, text, settle } = await render(ShellComponent);
    await settle();
    backend.match('/api/v1/notifications/unread-count').forEach((r) => r.flush({ count: 0 }));
    expect(text('verify-email-banner')).toContain('Follow the link we sent to malee@example.ac.th to show');

    one('resend-verification')?.click();
    await settle();
    backend.expectOne('/api/v1/auth/verify-email/resend').flush(null, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text('resend-status')).toBe('A new link is on its way. Look in your inbox and spam folder.');

    one('resend-verification')?.click();
    await settle();
    backend
      .expectOne('/api/v1/auth/verify-email/resend')
      .flush(problem(429, 'TOO_MANY_REQUESTS'), { status: 429, statusText: 'Too Many Requests' });
    await settle();
    expect(text('resend-status')).toBe('A link was sent just now. Please wait a minute before asking again.');
  });

  it('confirms the address from the link and reads the account again, so the banner goes', async () => {
    const { backend, auth } = await setup(TRAINEE);
    const { one, text, settle } = await render(VerifyEmailPage, { token: 'tok-1' });
    const confirm = backend.expectOne('/api/v1/auth/verify-email');
    expect(confirm.request.body).toEqual({ token: 'tok-1' });
    confirm.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    backend.expectOne('/api/v1/auth/me').flush({ ...TRAINEE, emailVerified: true, traineeId: 't1' });
    await settle();
    expect(text('verify-email-done')).toBe('Your e-mail address is confirmed.');
    expect(auth.emailUnverified()).toBe(false);
    expect(auth.user()?.traineeId).toBe('t1');
    expect(one('verify-email-continue')?.getAttribute('href')).toBe('/trainee');
  });

  it('says a used or expired link is invalid and offers a new one to the signed-in account', async () => {
    const { backend } = await setup(TRAINEE);
    const { one, text, settle } = await render(VerifyEmailPage, { token: 'used' });
    backend
      .expectOne('/api/v1/auth/verify-email')
      .flush(problem(400, 'TOKEN_INVALID'), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(text('verify-email-invalid')).toBe('This link is invalid, already used or expired.');
    expect(one('resend-verification')).not.toBeNull();
  });

  it('sends a guest with a good link to sign in', async () => {
    const { backend } = await setup(null);
    const { one, settle } = await render(VerifyEmailPage, { token: 'tok-1' });
    backend.expectOne('/api/v1/auth/verify-email').flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(one('verify-email-sign-in')?.getAttribute('href')).toBe('/sign-in');
  });
});

describe('password reset and unlock pages', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('answers a reset request the same way for any address, naming the 30 minutes', async () => {
    const { backend } = await setup(null);
    const { one, text, settle, type } = await render(ForgotPasswordPage);
    type('email', 'someone@example.com');
    one('forgot-submit')?.click();
    await settle();
    const request = backend.expectOne('/api/v1/auth/password-reset');
    expect(request.request.body).toEqual({ email: 'someone@example.com' });
    request.flush(null, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(text('forgot-sent')).toBe(
      'If an account exists for someone@example.com, we sent it a link to choose a new password. The link is valid for 30 minutes.',
    );
  });

  it('wants the new password twice, shows the policy’s words on the field, and ends this page’s session', async () => {
    const { backend, auth } = await setup({ ...TRAINEE, emailVerified: true });
    const { one, text, settle, type, element } = await render(ResetPasswordPage, { token: 'reset-1' });
    type('new-password', 'Khlong-Luang-2025');
    type('confirm-password', 'Khlong-Luang-2024');
    one('reset-submit')?.click();
    await settle();
    backend.expectNone('/api/v1/auth/password-reset/confirm');
    expect(element.querySelector('#reset-confirm-error')?.textContent?.trim()).toBe(
      'The two passwords are not the same.',
    );

    type('new-password', 'malee@example.ac.th');
    type('confirm-password', 'malee@example.ac.th');
    one('reset-submit')?.click();
    await settle();
    backend
      .expectOne('/api/v1/auth/password-reset/confirm')
      .flush(
        problem(400, 'VALIDATION_FAILED', [
          { field: 'password', code: 'PASSWORD_IS_EMAIL', message: 'The password may not be your e-mail address.' },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(element.querySelector('#reset-password-error')?.textContent?.trim()).toBe(
      'The password may not be your e-mail address.',
    );

    type('new-password', 'Khlong-Luang-2025');
    type('confirm-password', 'Khlong-Luang-2025');
    one('reset-submit')?.click();
    await settle();
    const confirm = backend.expectOne('/api/v1/auth/password-reset/confirm');
    expect(confirm.request.body).toEqual({ token: 'reset-1', password: 'Khlong-Luang-2025' });
    confirm.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(text('reset-done')).toContain('you were signed out everywhere');
    expect(auth.signedIn()).toBe(false);
  });

  it('says an expired reset link is invalid, and a link without a token at once', async () => {
    await setup(null);
    const missing = await render(ResetPasswordPage);
    expect(missing.one('reset-invalid')).not.toBeNull();

    const backend = TestBed.inject(HttpTestingController);
    const { one, settle, type } = await render(ResetPasswordPage, { token: 'old' });
    type('new-password', 'Khlong-Luang-2025');
    type('confirm-password', 'Khlong-Luang-2025');
    one('reset-submit')?.click();
    await settle();
    backend
      .expectOne('/api/v1/auth/password-reset/confirm')
      .flush(problem(400, 'TOKEN_INVALID'), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(one('reset-invalid')).not.toBeNull();
    expect(one('reset-ask-again')?.getAttribute('href')).toBe('/forgot-password');
  });

  it('unlocks sign-in from the e-mailed link, or says the link is invalid', async () => {
    const { backend } = await setup(null);
    const good = await render(UnlockPage, { token: 'unlock-1' });
    const request = backend.expectOne('/api/v1/auth/unlock');
    expect(request.request.body).toEqual({ token: 'unlock-1' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await good.settle();
    expect(good.text('unlock-done')).toBe('Sign-in is unlocked. You can sign in again.');

    const bad = await render(UnlockPage, { token: 'unlock-2' });
    backend
      .expectOne('/api/v1/auth/unlock')
      .flush(problem(400, 'TOKEN_INVALID'), { status: 400, statusText: 'Bad Request' });
    await bad.settle();
    expect(bad.one('unlock-invalid')).not.toBeNull();
  });
});
