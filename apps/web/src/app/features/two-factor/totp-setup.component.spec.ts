import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { groupSecret, TotpSetupComponent } from './totp-setup.component';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Skillbridge:nok%40rmutt.test?secret=${SECRET}&issuer=Skillbridge`;
const CODES = Array.from({ length: 10 }, (_, i) => `k7pq-2mz${i}`);
const problem = (status: number, code: string, errors: unknown[] = []) => ({
  type: '',
  title: '',
  detail: '',
  status,
  code,
  errors,
});

async function render() {
  TestBed.configureTestingModule({
    imports: [TotpSetupComponent],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(TotpSetupComponent);
  const finished = jest.fn();
  fixture.componentInstance.finished.subscribe(finished);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const one = <T extends HTMLElement = HTMLElement>(id: string) => element.querySelector<T>(`[data-testid="${id}"]`);
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
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
  const toScan = async () => {
    type('totp-password', 'correct horse battery');
    one('totp-start')?.click();
    await settle();
    const start = backend.expectOne('/api/v1/auth/mfa/totp');
    expect(start.request.body).toEqual({ password: 'correct horse battery' });
    start.flush({ secret: SECRET, otpauthUri: URI });
    await settle();
  };
  return { backend, finished, one, all, text, type, settle, toScan };
}

describe('groupSecret', () => {
  it('groups the secret in fours for typing', () => {
    expect(groupSecret(SECRET)).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});

describe('TotpSetupComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks the password, shows the QR code and the key, then the recovery codes once the first code is right', async () => {
    const { backend, finished, one, all, text, type, settle, toScan } = await render();
    await toScan();
    expect(one('qr-code')?.tagName.toLowerCase()).toBe('svg');
    expect(text('totp-secret')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(one('totp-code')?.getAttribute('autocomplete')).toBe('one-time-code');

    // A code the server does not accept: said so, and the step stays.
    type('totp-code', '000000');
    one('totp-confirm')?.click();
    await settle();
    backend
      .expectOne('/api/v1/auth/mfa/totp/confirm')
      .flush(
        problem(400, 'VALIDATION_FAILED', [
          { field: 'code', code: 'MFA_CODE', message: 'This code is not right, or was used already.' },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(text('field-error')).toBe('This code is not right, or was used already.');
    expect(one('totp-error')).toBeNull();
    expect(one('totp-scan-step')).not.toBeNull();

    type('totp-code', '287 082');
    one('totp-confirm')?.click();
    await settle();
    const confirm = backend.expectOne('/api/v1/auth/mfa/totp/confirm');
    expect(confirm.request.body).toEqual({ code: '287082' });
    confirm.flush({ recoveryCodes: CODES });
    await settle();
    // The account is read again: two-factor is on now.
    backend.expectOne('/api/v1/auth/me').flush({});
    await settle();

    expect(one('totp-secret')).toBeNull();
    expect(all('recovery-code').map((e) => e.textContent)).toEqual(CODES);
    const done = one<HTMLButtonElement>('recovery-codes-done');
    expect(done?.disabled).toBe(true);
    one<HTMLInputElement>('recovery-codes-saved')?.click();
    await settle();
    expect(done?.disabled).toBe(false);
    done?.click();
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('says a field is required after a submit, not when it is left for "Cancel" under it', async () => {
    const { one, text, settle, backend, toScan } = await render();
    one('totp-password')?.dispatchEvent(new Event('blur'));
    await settle();
    expect(one('field-error')).toBeNull();
    one('totp-start')?.click();
    await settle();
    backend.expectNone('/api/v1/auth/mfa/totp');
    expect(text('field-error')).toBe('Please fill this in.');

    await toScan();
    expect(one('field-error')).toBeNull();
    one('totp-code')?.dispatchEvent(new Event('blur'));
    await settle();
    expect(one('field-error')).toBeNull();
    one('totp-confirm')?.click();
    await settle();
    expect(text('field-error')).toBe('Please fill this in.');
  });

  it('shows the API’s words next to the password when it is wrong', async () => {
    const { backend, one, type, settle } = await render();
    type('totp-password', 'not it at all');
    one('totp-start')?.click();
    await settle();
    backend
      .expectOne('/api/v1/auth/mfa/totp')
      .flush(
        problem(400, 'VALIDATION_FAILED', [
          { field: 'password', code: 'CURRENT_PASSWORD', message: 'The password is not right.' },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(one('field-error')?.textContent?.trim()).toBe('The password is not right.');
    expect(one('totp-error')).toBeNull();
    expect(one('totp-scan-step')).toBeNull();
  });
});
