import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DataExport, Locale } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { DataCopySectionComponent } from './data-copy-section.component';

const future = new Date(Date.now() + 48 * 3_600_000).toISOString();
const READY: DataExport = {
  id: 'x-ready',
  status: 'ready',
  requestedAt: '2025-01-06T02:00:00Z',
  readyAt: '2025-01-06T02:01:00Z',
  expiresAt: future,
  sizeBytes: 5120,
};
const EXPIRED: DataExport = {
  id: 'x-old',
  status: 'ready',
  requestedAt: '2024-12-01T02:00:00Z',
  readyAt: '2024-12-01T02:01:00Z',
  expiresAt: '2024-12-04T02:01:00Z',
  sizeBytes: 4096,
};

async function render(locale: Locale) {
  TestBed.configureTestingModule({
    imports: [DataCopySectionComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(DataCopySectionComponent);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { backend, fixture, one, all, text, settle };
}

describe('DataCopySectionComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the copies with their state, ready time and expiry in Thai (Buddhist era); only a live one downloads', async () => {
    const { backend, all, text, settle } = await render('th');
    backend.expectOne('/api/v1/me/data-exports').flush({ items: [READY, EXPIRED], nextCursor: null });
    await settle();

    const rows = all('data-copy');
    expect(rows.map((row) => row.dataset['state'])).toEqual(['ready', 'expired']);
    expect(text(rows[0].querySelector('[data-testid="data-copy-state"]'))).toBe('พร้อมแล้ว');
    expect(text(rows[0].querySelector('[data-testid="data-copy-ready"]'))).toContain('2568'); // 2025 in the Buddhist era
    expect(text(rows[0].querySelector('[data-testid="data-copy-expires"]'))).toContain('ดาวน์โหลดได้ถึง');
    expect(text(rows[1].querySelector('[data-testid="data-copy-state"]'))).toBe('หมดอายุแล้ว');
    expect(text(rows[1].querySelector('[data-testid="data-copy-expires"]'))).toContain('2567'); // 2024
    expect(rows[0].querySelector('[data-testid="data-copy-download"]')).not.toBeNull();
    expect(rows[1].querySelector('[data-testid="data-copy-download"]')).toBeNull();
  });

  it('requests a copy in Malay and shows it being prepared, with no download yet', async () => {
    const { backend, one, all, text, settle } = await render('ms');
    backend.expectOne('/api/v1/me/data-exports').flush({ items: [], nextCursor: null });
    await settle();
    expect(text(one('data-copy-empty'))).toBe('Anda belum meminta salinan.');

    one('data-copy-request')?.click();
    await settle();
    const post = backend.expectOne('/api/v1/me/data-exports');
    expect(post.request.method).toBe('POST');
    const pending: DataExport = {
      ...READY,
      id: 'x-new',
      status: 'pending',
      readyAt: null,
      expiresAt: null,
      sizeBytes: null,
    };
    post.flush(pending, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(all('data-copy').map((row) => row.dataset['state'])).toEqual(['pending']);
    expect(text(one('data-copy-state'))).toBe('Sedang disediakan');
    expect(text(one('data-copy-notice'))).toContain('Kami sedang menyediakan salinan anda');
    expect(one('data-copy-download')).toBeNull();
  });

  it('downloads a ready copy through the API, with the token the interceptor adds, as a blob', async () => {
    const saved: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        saved.push(blob);
        return `blob:test/${saved.length}`;
      },
      revokeObjectURL: () => undefined,
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      const { backend, one, settle } = await render('en');
      backend.expectOne('/api/v1/me/data-exports').flush({ items: [READY], nextCursor: null });
      await settle();
      one('data-copy-download')?.click();
      await settle();
      const download = backend.expectOne('/api/v1/me/data-exports/x-ready/download');
      expect(download.request.responseType).toBe('blob');
      download.flush(new Blob(['PK']), {
        headers: { 'Content-Disposition': 'attachment; filename="skillbridge-my-data-2025-01-06.zip"' },
      });
      await settle();
      expect(saved).toHaveLength(1);
      expect(click).toHaveBeenCalled();
    } finally {
      click.mockRestore();
    }
  });
});
