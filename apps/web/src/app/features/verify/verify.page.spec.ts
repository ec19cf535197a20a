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
  startDate: '2025-03-03',
  endDate: '2025-03-07',
  timeZone: 'Asia/Shanghai',
  hours: 31.5,
  // 8 March in UTC, but already 9 March in Shanghai, where the certificate states its dates.
  issuedAt: '2025-03-08T17:00:00Z',
  issuer: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' },
  validUntil: '2099-03-08',
};

async function render(
  answer: (request: ReturnType<HttpTestingController['expectOne']>) => void,
  locale: Locale = 'en',
  code = CODE,
) {
  TestBed.configureTestingModule({
    imports: [VerifyPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(VerifyPage);
  fixture.componentRef.setInput('code', code);
  fixture.detectChanges();
  const request = backend.expectOne(`/api/v1/verify/${code}`);
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

  it('says plainly that a valid certificate is valid, with all it states', async () => {
    const { element, one, text } = await render((r) => r.flush(VERIFICATION));
    expect(one('verify-result')?.dataset['state']).toBe('valid');
    expect(one('verify-result')?.classList).toContain('verdict-valid');
    expect(text('verify-verdict')).toBe('This certificate is valid');
    expect(text('verify-holder')).toBe('สมศรี มีสุข');
    expect(text('verify-holder-latin')).toBe('Somsri Meesuk');
    expect(text('verify-program')).toBe('Smart agriculture camp');
    expect(text('verify-dates')).toBe('Mar 3, 2025 – Mar 7, 2025');
    expect(text('verify-time-zone')).toBe('Asia/Shanghai');
    expect(text('verify-hours')).toBe('31.5');
    expect(element.textContent).toContain('Training hours');
    // The issue date the certificate states, in its program's zone, whatever the reader's.
    expect(text('verify-issued-at')).toBe('Mar 9, 2025');
    expect(text('verify-valid-until')).toBe('Mar 8, 2099');
    expect(one('verify-expired')).toBeNull();
    expect(text('verify-issuer')).toBe('Tongren Polytechnic College');
    expect(text('verify-serial')).toBe('SB-2025-000042');
    expect(one('verify-revoked-reason')).toBeNull();
    expect(one('verify-replaced-by')).toBeNull();
  });

  it('leaves out the validity of a certificate that does not expire', async () => {
    const { one } = await render((r) => r.flush({ ...VERIFICATION, validUntil: undefined }));
    expect(one('verify-result')?.dataset['state']).toBe('valid');
    expect(one('verify-valid-until')).toBeNull();
  });

  it('shows the program, its dates and its hours (学时) in the viewer’s language', async () => {
    const { element, text } = await render((r) => r.flush(VERIFICATION), 'zh');
    expect(text('verify-verdict')).toBe('该证书有效');
    expect(text('verify-program')).toBe('智慧农业训练营');
    expect(text('verify-issuer')).toBe('铜仁职业技术学院');
    expect(text('verify-dates')).toBe('2025年3月3日 – 2025年3月7日');
    expect(text('verify-issued-at')).toBe('2025年3月9日');
    expect(element.querySelector('[data-testid="verify-details"]')?.textContent).toContain('学时');
  });

  it('says an issued certificate past its validity has expired, and since when', async () => {
    const { one, text } = await render((r) => r.flush({ ...VERIFICATION, validUntil: '2025-03-08' }));
    expect(one('verify-result')?.dataset['state']).toBe('expired');
    expect(text('verify-verdict')).toBe('This certificate has expired');
    expect(one('verify-result')?.textContent).toContain('was valid until Mar 8, 2025.');
    expect(text('verify-valid-until')).toBe('Mar 8, 2025 expired');
    expect(text('verify-holder')).toBe('สมศรี มีสุข');
  });

  it('says a revoked certificate is revoked, with when and why', async () => {
    const { one, text } = await render((r) =>
      r.flush({
        ...VERIFICATION,
        status: 'revoked',
        revokedReason: 'Attendance records were corrected.',
        revokedAt: '2025-04-01T02:00:00Z',
      }),
    );
    expect(one('verify-result')?.dataset['state']).toBe('revoked');
    expect(one('verify-result')?.classList).toContain('verdict-revoked');
    expect(text('verify-verdict')).toBe('This certificate has been revoked');
    expect(text('verify-revoked-at')).toBe('Revoked on Apr 1, 2025.');
    expect(text('verify-revoked-reason')).toBe('Reason: Attendance records were corrected.');
    expect(text('verify-serial')).toBe('SB-2025-000042');
    expect(one('verify-replacement')).toBeNull();
  });

  it('says a reissued certificate was replaced, naming and linking the serial that replaced it', async () => {
    const { one, text } = await render((r) =>
      r.flush({
        ...VERIFICATION,
        status: 'revoked',
        revokedReason: 'Name corrected.',
        revokedAt: '2025-04-01T02:00:00Z',
        replacedBy: { serial: 'SB-2025-000077' },
      }),
    );
    expect(one('verify-result')?.dataset['state']).toBe('replaced');
    expect(one('verify-result')?.classList).toContain('verdict-revoked');
    expect(text('verify-verdict')).toBe('This certificate has been replaced');
    expect(text('verify-replaced-by')).toBe('Replaced by SB-2025-000077');
    expect(text('verify-revoked-at')).toBe('Replaced on Apr 1, 2025.');
    expect(text('verify-revoked-reason')).toBe('Reason: Name corrected.');
    expect(one('verify-replacement')?.getAttribute('href')).toBe('/verify/SB-2025-000077');
    expect(text('verify-replacement')).toBe('Check certificate SB-2025-000077');
    // Still what the old certificate stated, so the reader can compare.
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

  it('prints an unknown new-style code as the certificate would, and names a serial as a serial', async () => {
    const code = await render(
      (r) => r.flush(problem(404, 'NOT_FOUND'), { status: 404, statusText: 'Not Found' }),
      'en',
      '7KQ4M9TX2WHPCV3RBN8DGZ6E',
    );
    expect(code.text('verify-code')).toBe('7KQ4-M9TX-2WHP-CV3R-BN8D-GZ6E');
    TestBed.resetTestingModule();
    const serial = await render(
      (r) => r.flush(problem(404, 'NOT_FOUND'), { status: 404, statusText: 'Not Found' }),
      'en',
      'SB-2025-999999',
    );
    expect(serial.text('verify-verdict')).toBe('No certificate has this serial number');
    expect(serial.text('verify-code')).toBe('SB-2025-999999');
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

  it('speaks Thai (dates in the Buddhist era) and Malay', async () => {
    const thai = await render((r) => r.flush(VERIFICATION), 'th');
    expect(thai.text('verify-verdict')).toBe('ใบประกาศนียบัตรนี้ใช้ได้');
    expect(thai.text('verify-program')).toBe('ค่ายเกษตรอัจฉริยะ');
    expect(thai.text('verify-dates')).toBe('3 มี.ค. 2568 – 7 มี.ค. 2568');
    expect(thai.text('verify-issued-at')).toBe('9 มี.ค. 2568');
    TestBed.resetTestingModule();
    const malay = await render(
      (r) => r.flush(problem(404, 'NOT_FOUND'), { status: 404, statusText: 'Not Found' }),
      'ms',
    );
    expect(malay.text('verify-verdict')).toBe('Tiada sijil dengan kod ini');
  });
});
