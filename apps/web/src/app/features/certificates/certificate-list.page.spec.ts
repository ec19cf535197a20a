import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Certificate, CertificateListEntry, Role } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { CertificateListPage } from './certificate-list.page';

const BASE: CertificateListEntry = {
  id: 'c1',
  serial: 'SB-2026-000164',
  verificationCode: '7KQ4M9TX2WHPCV3RBN8DGZ6E',
  enrolmentId: 'e1',
  traineeId: 't1',
  programId: 'p1',
  issuedAt: '2026-03-06T09:00:00Z',
  status: 'issued',
  holderName: 'สมศรี มีสุก',
  holderNameLatin: 'Somsri Meesuk',
  programCode: 'TRPC-TH-2026-03',
  programTitle: { en: 'Smart agriculture camp' },
  startDate: '2026-03-02',
  endDate: '2026-03-06',
  timeZone: 'Asia/Shanghai',
  hours: 31.5,
  topics: [],
  completion: { minAttendanceRate: 0.75, attendanceRate: 1 },
  issuer: { institutionId: 'i0', name: { en: 'Tongren Polytechnic College' } },
  institutionId: 'i1',
  institutionCode: 'RMUTT',
  holderLocale: 'th',
};
const REPLACED: CertificateListEntry = {
  ...BASE,
  id: 'c0',
  serial: 'SB-2026-000100',
  verificationCode: 'Zx8_k2-Qm4a9Lr0Tb7YwEg',
  status: 'revoked',
  revokedReason: 'Name misspelt',
  replacedBy: { id: 'c9', serial: 'SB-2026-000120' },
};
const REVOKED: CertificateListEntry = { ...BASE, id: 'c2', serial: 'SB-2026-000099', status: 'revoked' };

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

async function settle(fixture: { whenStable(): Promise<unknown> }, ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await fixture.whenStable();
}

async function render(items: CertificateListEntry[], role: Role = 'admin') {
  TestBed.configureTestingModule({
    imports: [CertificateListPage],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestTranslations(),
      { provide: AuthService, useValue: { role: signal(role), user: signal(null) } },
    ],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CertificateListPage);
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/programs').flush({ items: [], nextCursor: null });
  backend.expectOne((r) => r.url === '/api/v1/certificates').flush({ items, nextCursor: null });
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const row = (serial: string) =>
    element.querySelector<HTMLElement>(`[data-testid="certificate-row"][data-serial="${serial}"]`);
  const inRow = (serial: string, id: string) =>
    row(serial)?.querySelector<HTMLElement>(`[data-testid="${id}"]`) ?? null;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (element: HTMLElement | null) => element?.textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, backend, element, row, inRow, one, text };
}

describe('CertificateListPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows each certificate’s frozen hours and what it replaced or was replaced by', async () => {
    const replacement: CertificateListEntry = { ...BASE, replaces: { id: 'c0', serial: 'SB-2026-000100' } };
    const { inRow, text } = await render([replacement, REPLACED]);
    expect(text(inRow(BASE.serial, 'certificate-hours'))).toBe('31.5');
    expect(text(inRow(BASE.serial, 'certificate-replaces'))).toBe('Replaces SB-2026-000100');
    expect(inRow(BASE.serial, 'certificate-replaced-by')).toBeNull();
    expect(text(inRow(REPLACED.serial, 'certificate-replaced-by'))).toBe('Replaced by SB-2026-000120');
    expect(inRow(REPLACED.serial, 'certificate-replaces')).toBeNull();
  });

  it('offers a reissue for every certificate not yet replaced, and a revocation for issued ones, to admins only', async () => {
    const admin = await render([BASE, REVOKED, REPLACED]);
    expect([BASE, REVOKED, REPLACED].map((c) => Boolean(admin.inRow(c.serial, 'reissue')))).toEqual([
      true,
      true,
      false,
    ]);
    expect([BASE, REVOKED, REPLACED].map((c) => Boolean(admin.inRow(c.serial, 'revoke')))).toEqual([
      true,
      false,
      false,
    ]);
    TestBed.resetTestingModule();
    const partner = await render([BASE, REVOKED], 'partner');
    expect(partner.one('reissue')).toBeNull();
    expect(partner.one('revoke')).toBeNull();
  });

  it('reissues with a required reason, then shows the new serial and both lines as they now stand', async () => {
    const { fixture, backend, element, row, inRow, one, text } = await render([BASE]);
    inRow(BASE.serial, 'reissue')?.click();
    await settle(fixture);
    expect(text(element.querySelector('dialog h2'))).toBe('Reissue certificate SB-2026-000164 of สมศรี มีสุก?');
    // No reason, no reissue.
    one('reason-confirm')?.click();
    await settle(fixture);
    expect(text(one('field-error'))).toBe('Please fill this in.');
    backend.expectNone('/api/v1/certificates/c1/reissue');

    const input = one('reason-input') as HTMLTextAreaElement;
    input.value = '  Name corrected: Meesuk, not Meesok.  ';
    input.dispatchEvent(new Event('input'));
    one('reason-confirm')?.click();
    const reissue = backend.expectOne('/api/v1/certificates/c1/reissue');
    expect(reissue.request.method).toBe('POST');
    expect(reissue.request.body).toEqual({ reason: 'Name corrected: Meesuk, not Meesok.' });
    const fresh: Certificate = {
      ...BASE,
      id: 'c3',
      serial: 'SB-2026-000170',
      holderName: 'สมศรี มีสุข',
      replaces: { id: 'c1', serial: BASE.serial },
    };
    reissue.flush(fresh);
    await settle(fixture);
    const old: Certificate = {
      ...BASE,
      status: 'revoked',
      revokedReason: 'Name corrected: Meesuk, not Meesok.',
      revokedAt: '2026-03-08T02:00:00Z',
      replacedBy: { id: 'c3', serial: 'SB-2026-000170' },
    };
    backend.expectOne('/api/v1/certificates/c1').flush(old);
    await settle(fixture);

    expect(text(one('reissue-notice'))).toBe('Certificate SB-2026-000164 was reissued as SB-2026-000170.');
    expect(one('reissue-notice')?.dataset['newSerial']).toBe('SB-2026-000170');
    expect(
      [...element.querySelectorAll<HTMLElement>('[data-testid="certificate-row"]')].map((r) => r.dataset['serial']),
    ).toEqual(['SB-2026-000170', 'SB-2026-000164']);
    expect(row(BASE.serial)?.dataset['status']).toBe('revoked');
    expect(text(inRow(BASE.serial, 'certificate-replaced-by'))).toBe('Replaced by SB-2026-000170');
    expect(inRow(BASE.serial, 'reissue')).toBeNull();
    expect(text(inRow('SB-2026-000170', 'certificate-holder'))).toBe('สมศรี มีสุข');
    expect(text(inRow('SB-2026-000170', 'certificate-replaces'))).toBe('Replaces SB-2026-000164');
  });

  it('says why a reissue was refused', async () => {
    const { fixture, backend, inRow, one, text } = await render([BASE]);
    inRow(BASE.serial, 'reissue')?.click();
    await settle(fixture);
    const input = one('reason-input') as HTMLTextAreaElement;
    input.value = 'Name corrected';
    input.dispatchEvent(new Event('input'));
    one('reason-confirm')?.click();
    backend
      .expectOne('/api/v1/certificates/c1/reissue')
      .flush(
        { type: '', title: '', status: 409, code: 'CERTIFICATE_REPLACED' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle(fixture);
    expect(text(one('certificates-error'))).toBe(
      'This certificate was already replaced; correct the one that replaced it.',
    );
    expect(one('reissue-notice')).toBeNull();
  });

  it('finds the certificate a line points to, whatever the status filter', async () => {
    const { fixture, backend, inRow, one } = await render([REPLACED]);
    const status = one('certificates-status') as HTMLSelectElement;
    status.value = 'revoked';
    status.dispatchEvent(new Event('change'));
    await settle(fixture, 300);
    const filtered = backend.expectOne((r) => r.url === '/api/v1/certificates');
    expect(filtered.request.params.get('status')).toBe('revoked');
    filtered.flush({ items: [REPLACED], nextCursor: null });
    await settle(fixture);

    inRow(REPLACED.serial, 'certificate-replaced-by')?.click();
    await settle(fixture, 300);
    const reload = backend.expectOne((r) => r.url === '/api/v1/certificates');
    expect(reload.request.params.get('q')).toBe('SB-2026-000120');
    // The replacement is issued: a "revoked" filter left on would hide it.
    expect(reload.request.params.get('status')).toBeNull();
    reload.flush({ items: [], nextCursor: null });
  });
});
