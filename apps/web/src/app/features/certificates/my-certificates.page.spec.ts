import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CertificateListEntry, Locale } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { MyCertificatesPage } from './my-certificates.page';

const NEW: CertificateListEntry = {
  id: 'c2',
  serial: 'SB-2026-000170',
  verificationCode: '7KQ4M9TX2WHPCV3RBN8DGZ6E',
  enrolmentId: 'e1',
  traineeId: 't1',
  programId: 'p1',
  // 6 March in UTC, 7 March in Shanghai, the program's zone.
  issuedAt: '2026-03-06T18:00:00Z',
  status: 'issued',
  holderName: 'สมศรี มีสุข',
  programCode: 'TRPC-TH-2026-03',
  programTitle: { en: 'Smart agriculture camp', zh: '智慧农业训练营' },
  startDate: '2026-03-02',
  endDate: '2026-03-06',
  timeZone: 'Asia/Shanghai',
  hours: 31.5,
  topics: [],
  completion: { minAttendanceRate: 0.75, attendanceRate: 1 },
  issuer: { institutionId: 'i0', name: { en: 'Tongren Polytechnic College' } },
  validUntil: '2099-03-07',
  replaces: { id: 'c1', serial: 'SB-2026-000164' },
  holderLocale: 'th',
};
const OLD: CertificateListEntry = {
  ...NEW,
  id: 'c1',
  serial: 'SB-2026-000164',
  verificationCode: 'Zx8_k2-Qm4a9Lr0Tb7YwEg',
  holderName: 'สมศรี มีสุก',
  status: 'revoked',
  revokedReason: 'Name corrected',
  revokedAt: '2026-03-08T02:00:00Z',
  replaces: undefined,
  replacedBy: { id: 'c2', serial: 'SB-2026-000170' },
  validUntil: undefined,
};

async function render(items: CertificateListEntry[], locale: Locale = 'en') {
  TestBed.configureTestingModule({
    imports: [MyCertificatesPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(MyCertificatesPage);
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/me/certificates').flush({ items, nextCursor: null });
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const card = (serial: string) =>
    element.querySelector<HTMLElement>(`[data-testid="my-certificate"][data-serial="${serial}"]`) as HTMLElement;
  const inCard = (serial: string, id: string) => card(serial).querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (el: HTMLElement | null) => el?.textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, element, card, inCard, text };
}

describe('MyCertificatesPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows what each certificate states: code in groups of four, dates, hours and validity', async () => {
    const { inCard, text } = await render([NEW, OLD]);
    expect(text(inCard(NEW.serial, 'my-certificate-code'))).toBe('7KQ4-M9TX-2WHP-CV3R-BN8D-GZ6E');
    expect(text(inCard(NEW.serial, 'my-certificate-issued-at'))).toBe('Mar 7, 2026');
    expect(text(inCard(NEW.serial, 'my-certificate-dates'))).toBe('Mar 2, 2026 – Mar 6, 2026');
    expect(text(inCard(NEW.serial, 'my-certificate-hours'))).toBe('31.5');
    expect(text(inCard(NEW.serial, 'my-certificate-valid-until'))).toBe('Mar 7, 2099');
    expect(text(inCard(OLD.serial, 'my-certificate-valid-until'))).toBe('Does not expire');
    // An old certificate's code is printed as it always was.
    expect(text(inCard(OLD.serial, 'my-certificate-code'))).toBe('Zx8_k2-Qm4a9Lr0Tb7YwEg');
    // The link carries the code as the QR code does.
    expect((inCard(NEW.serial, 'share-link') as HTMLInputElement).value).toMatch(/\/verify\/7KQ4M9TX2WHPCV3RBN8DGZ6E$/);
  });

  it('says a replaced certificate was replaced, why, and takes the trainee to its replacement', async () => {
    const { card, inCard, text } = await render([NEW, OLD]);
    expect(card(OLD.serial).dataset['status']).toBe('revoked');
    expect(text(inCard(OLD.serial, 'my-certificate-replaced-by'))).toBe(
      'This certificate was replaced by SB-2026-000170. Share the new one instead.',
    );
    expect(text(inCard(OLD.serial, 'my-certificate-replaced'))).toContain('Reason: Name corrected');
    expect(inCard(OLD.serial, 'my-certificate-revoked')).toBeNull();
    expect(text(inCard(NEW.serial, 'my-certificate-replaces'))).toBe('Replaces SB-2026-000164');
    expect(inCard(NEW.serial, 'my-certificate-replaced')).toBeNull();

    const scrolled = jest.fn();
    card(NEW.serial).scrollIntoView = scrolled;
    inCard(OLD.serial, 'my-certificate-go-to-replacement')?.click();
    expect(scrolled).toHaveBeenCalled();
    expect(document.activeElement).toBe(card(NEW.serial));
  });

  it('marks an expired certificate, and a revoked one with its reason', async () => {
    const expired = { ...NEW, replaces: undefined, validUntil: '2026-03-07' };
    const revoked = {
      ...NEW,
      id: 'c3',
      serial: 'SB-2026-000180',
      replaces: undefined,
      status: 'revoked' as const,
      revokedReason: 'Issued in error',
    };
    const { inCard, text } = await render([expired, revoked]);
    expect(text(inCard(expired.serial, 'my-certificate-expired-badge'))).toBe('Expired');
    expect(text(inCard(expired.serial, 'my-certificate-expired'))).toBe(
      'This certificate was valid until Mar 7, 2026 and has expired.',
    );
    expect(text(inCard(revoked.serial, 'my-certificate-revoked'))).toBe(
      'This certificate was revoked: Issued in error',
    );
    expect(inCard(revoked.serial, 'my-certificate-expired-badge')).toBeNull();
  });

  it('copies the verification link', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { fixture, inCard, text } = await render([NEW]);
    inCard(NEW.serial, 'copy-link')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/verify/7KQ4M9TX2WHPCV3RBN8DGZ6E`);
    expect(text(inCard(NEW.serial, 'copy-result'))).toBe('Link copied.');
  });

  it('downloads the signed credential with the session, saved under the serial', async () => {
    const saved: { name: string; blob: Blob }[] = [];
    const blobs = new Map<string, Blob>();
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: () => undefined,
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, blob: blobs.get(this.href) as Blob });
    });
    const { fixture, inCard } = await render([NEW]);
    const backend = TestBed.inject(HttpTestingController);
    const button = inCard(NEW.serial, 'download-credential') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Download credential (.json)');
    button.click();
    const request = backend.expectOne('/api/v1/certificates/c2/credential');
    expect(request.request.responseType).toBe('blob');
    const body = new Blob(['{"type":["VerifiableCredential","OpenBadgeCredential"]}'], { type: 'application/ld+json' });
    // The API offers its own name; the holder knows the certificate by its serial.
    request.flush(body, { headers: { 'Content-Disposition': 'attachment; filename="credential-c2.json"' } });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(saved).toEqual([{ name: 'SB-2026-000170.json', blob: body }]);
    click.mockRestore();
  });

  it('says why a credential could not be downloaded', async () => {
    const { fixture, inCard, text } = await render([NEW]);
    inCard(NEW.serial, 'download-credential')?.click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/certificates/c2/credential')
      .flush(new Blob([JSON.stringify({ code: 'NOT_FOUND' })], { type: 'application/problem+json' }), {
        status: 404,
        statusText: 'Not Found',
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fixture.whenStable();
    expect(text(inCard(NEW.serial, 'credential-error'))).toBe('This does not exist, or you may not see it.');
  });

  it('copies the credential’s address', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { fixture, inCard, text } = await render([NEW]);
    inCard(NEW.serial, 'copy-credential-link')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/api/v1/certificates/c2/credential`);
    expect(text(inCard(NEW.serial, 'credential-copy-result'))).toMatch(/^Credential link copied\./);
  });

  it('shows the credential’s address to copy by hand when the clipboard refuses', async () => {
    const writeText = jest.fn().mockRejectedValue(new Error('denied'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { fixture, inCard } = await render([NEW]);
    inCard(NEW.serial, 'copy-credential-link')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect((inCard(NEW.serial, 'credential-link') as HTMLInputElement).value).toBe(
      `${location.origin}/api/v1/certificates/c2/credential`,
    );
  });

  it('offers LinkedIn for a certificate in force, in a new tab, and not for a replaced one', async () => {
    const { inCard } = await render([NEW, OLD]);
    const link = inCard(NEW.serial, 'add-to-linkedin') as HTMLAnchorElement;
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    const url = new URL(link.href);
    expect(url.origin).toBe('https://www.linkedin.com');
    expect(url.searchParams.get('name')).toBe('Smart agriculture camp');
    expect(url.searchParams.get('organizationName')).toBe('Tongren Polytechnic College');
    expect(url.searchParams.get('issueYear')).toBe('2026');
    expect(url.searchParams.get('issueMonth')).toBe('3');
    expect(url.searchParams.get('expirationYear')).toBe('2099');
    expect(url.searchParams.get('certUrl')).toBe(`${location.origin}/verify/7KQ4M9TX2WHPCV3RBN8DGZ6E`);
    expect(url.searchParams.get('certId')).toBe('SB-2026-000170');
    // The replaced one: its credential can still be downloaded (its status list says revoked), but not put on a profile.
    expect(inCard(OLD.serial, 'add-to-linkedin')).toBeNull();
    expect(inCard(OLD.serial, 'download-credential')).not.toBeNull();
  });

  it('names the certification on LinkedIn in the language the trainee reads', async () => {
    const { inCard } = await render([NEW], 'zh');
    const url = new URL((inCard(NEW.serial, 'add-to-linkedin') as HTMLAnchorElement).href);
    expect(url.searchParams.get('name')).toBe('智慧农业训练营');
  });

  it('says 学时 in Chinese', async () => {
    const { element } = await render([NEW], 'zh');
    expect(element.querySelector('.facts')?.textContent).toContain('学时');
  });
});
