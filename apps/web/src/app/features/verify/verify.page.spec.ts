import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Locale, Verification } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { VerifyPage } from './verify.page';

const CODE = 'Zx8_k2-Qm4a9Lr0Tb7YwEg';
const VERIFICATION: Verification = {
  status: 'issued',
  serial: 'SB-2025-000042',
  holderName: 'สมศรี มีสุข',
  holderNameLatin: 'Somsri Meesuk',
  programTitle: { en: 'Smart agriculture camp', zh: '智慧农业训练营', th: 'ค่ายเกษตรอัจฉริยะ' },
  issuedAt: '2025-03-08T04:00:00Z',
  issuer: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' },
};

async function render(
  answer: (request: ReturnType<HttpTestingController['expectOne']>) => void,
  locale: Locale = 'en',
) {
  TestBed.configureTestingModule({
    imports: [VerifyPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(VerifyPage);
  fixture.componentRef.setInput('code', CODE);
  fixture.detectChanges();
  const request = backend.expectOne(`/api/v1/verify/${CODE}`);
  expect(request.request.method).toBe('GET');
  answer(request);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, backend, element, one, text };
}

const problem = (status: number, code: string) => ({ type: '', title: '', detail: '', status, code });

describe('VerifyPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says plainly that a valid certificate is valid, with holder, program, issuer, date and serial', async () => {
    const { one, text } = await render((r) => r.flush(VERIFICATION));
    expect(one('verify-result')?.dataset['state']).toBe('valid');
    expect(one('verify-result')?.classList).toContain('verdict-valid');
    expect(text('verify-verdict')).toBe('This certificate is valid');
    expect(text('verify-holder')).toBe('สมศรี มีสุข');
    expect(text('verify-holder-latin')).toBe('Somsri Meesuk');
    expect(text('verify-program')).toBe('Smart agriculture camp');
    expect(text('verify-issuer')).toBe('Tongren Polytechnic College');
    expect(text('verify-issued-at')).toMatch(/2025/);
    expect(text('verify-serial')).toBe('SB-2025-000042');
    expect(one('verify-revoked-reason')).toBeNull();
  });

  it('shows the program in the viewer’s language', async () => {
    const { text } = await render((r) => r.flush(VERIFICATION), 'zh');
    expect(text('verify-verdict')).toBe('该证书有效');
    expect(text('verify-program')).toBe('智慧农业训练营');
    expect(text('verify-issuer')).toBe('铜仁职业技术学院');
  });

  it('says a revoked certificate is revoked, with the reason', async () => {
    const { one, text } = await render((r) =>
      r.flush({ ...VERIFICATION, status: 'revoked', revokedReason: 'Attendance records were corrected.' }),
    );
    expect(one('verify-result')?.dataset['state']).toBe('revoked');
    expect(one('verify-result')?.classList).toContain('verdict-revoked');
    expect(text('verify-verdict')).toBe('This certificate has been revoked');
    expect(text('verify-revoked-reason')).toBe('Reason: Attendance records were corrected.');
    expect(text('verify-serial')).toBe('SB-2025-000042');
  });

  it('says when no certificate has the code, and shows nothing about anyone', async () => {
    const { one, text } = await render((r) =>
      r.flush(problem(404, 'NOT_FOUND'), { status: 404, statusText: 'Not Found' }),
    );
    expect(one('verify-result')?.dataset['state']).toBe('unknown');
    expect(text('verify-verdict')).toBe('No certificate has this code');
    expect(text('verify-code')).toBe(CODE);
    expect(one('verify-details')).toBeNull();
  });

  it('asks to try again later when rate-limited, and can retry', async () => {
    const { fixture, backend, one, text } = await render((r) =>
      r.flush(problem(429, 'TOO_MANY_REQUESTS'), {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { 'Retry-After': '30' },
      }),
    );
    expect(one('verify-result')?.dataset['state']).toBe('rate-limited');
    expect(text('verify-verdict')).toBe('Too many checks');
    expect(one('verify-result')?.textContent).toContain('Please try again in 30 seconds.');
    expect(one('verify-details')).toBeNull();

    one('verify-retry')?.click();
    backend.expectOne(`/api/v1/verify/${CODE}`).flush(VERIFICATION);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(one('verify-result')?.dataset['state']).toBe('valid');
  });

  it('speaks Thai and Malay', async () => {
    const thai = await render((r) => r.flush(VERIFICATION), 'th');
    expect(thai.text('verify-verdict')).toBe('ใบประกาศนียบัตรนี้ใช้ได้');
    expect(thai.text('verify-program')).toBe('ค่ายเกษตรอัจฉริยะ');
    TestBed.resetTestingModule();
    const malay = await render(
      (r) => r.flush(problem(404, 'NOT_FOUND'), { status: 404, statusText: 'Not Found' }),
      'ms',
    );
    expect(malay.text('verify-verdict')).toBe('Tiada sijil dengan kod ini');
  });
});
