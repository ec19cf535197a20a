import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PublicProgram } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ProgramCatalogPage } from './program-catalog.page';

const PROGRAM: PublicProgram = {
  id: 'p1',
  code: 'TRPC-CAMP-2031',
  kind: 'camp',
  title: { en: 'Cross-border e-commerce youth camp', th: 'ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน' },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2031-07-06',
  endDate: '2031-07-12',
  venue: 'Hall A',
  enrolmentClosesAt: '2031-06-30T15:59:00.000Z',
  hostInstitution: { id: 'h1', name: { en: 'Tongren Polytechnic College' } },
  seats: { capacity: 40, available: 0 },
};

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('ProgramCatalogPage signed out (the open catalog)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(locale: 'en' | 'th' = 'en') {
    TestBed.configureTestingModule({
      imports: [ProgramCatalogPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).use(locale);
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProgramCatalogPage);
    fixture.detectChanges();
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return { fixture, backend, element, one };
  }

  it('reads the public list (upcoming only by default) and links each card to its public page', async () => {
    const { backend, fixture, one } = await render();
    const request = backend.expectOne((r) => r.url === '/api/v1/public/programs');
    expect(request.request.params.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request.request.params.has('order')).toBe(false);
    request.flush({ items: [PROGRAM], nextCursor: null });
    await settle(fixture);
    expect(one('program-link')?.getAttribute('href')).toBe('/p/TRPC-CAMP-2031');
    expect(one('program-badge')?.getAttribute('data-badge')).toBe('full');
    expect(one('program-enrolment-window')).not.toBeNull();
    expect(one('public-catalog-intro')).not.toBeNull();
  });

  it('filters by words, kind and dates', async () => {
    const { backend, fixture, element } = await render('th');
    backend.expectOne((r) => r.url === '/api/v1/public/programs').flush({ items: [], nextCursor: null });
    await settle(fixture);
    const set = (selector: string, value: string) => {
      const input = element.querySelector<HTMLInputElement | HTMLSelectElement>(selector) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
    };
    set('#catalog-q', 'อีคอมเมิร์ซ');
    set('#catalog-kind', 'camp');
    set('#catalog-from', '2031-07-01');
    set('#catalog-to', '2031-07-31');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const request = backend.expectOne((r) => r.url === '/api/v1/public/programs');
    expect(Object.fromEntries(request.request.params.keys().map((k) => [k, request.request.params.get(k)]))).toEqual({
      q: 'อีคอมเมิร์ซ',
      kind: 'camp',
      from: '2031-07-01',
      to: '2031-07-31',
      limit: '24',
    });
    request.flush({ items: [], nextCursor: null });
    await settle(fixture);
  });
});
