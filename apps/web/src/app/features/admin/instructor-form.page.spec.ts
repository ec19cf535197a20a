import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Institution, Instructor } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { addItem, InstructorFormPage } from './instructor-form.page';

const INSTITUTIONS: Institution[] = [
  {
    id: 'i1',
    code: 'XBEC',
    name: { en: 'Cross-border e-commerce company', zh: '跨境电商公司' },
    kind: 'enterprise',
    country: 'CN',
  },
  {
    id: 'i2',
    code: 'TRPC',
    name: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' },
    kind: 'host',
    country: 'CN',
  },
];

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
}

async function render(id?: string) {
  TestBed.configureTestingModule({
    imports: [InstructorFormPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('zh');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(InstructorFormPage);
  if (id) fixture.componentRef.setInput('id', id);
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/institutions').flush({ items: INSTITUTIONS, nextCursor: null });
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(testId: string) =>
    element.querySelector<T>(`[data-testid="${testId}"]`) as T;
  return { fixture, backend, element, byTestId };
}

describe('addItem', () => {
  it('adds a trimmed item once, whatever its case', () => {
    expect(addItem(['Live commerce'], '  Short video ')).toEqual(['Live commerce', 'Short video']);
    expect(addItem(['Live commerce'], 'live COMMERCE')).toEqual(['Live commerce']);
    expect(addItem([], '   ')).toEqual([]);
  });
});

describe('InstructorFormPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('picks the institution by its name in the viewer’s language and names languages in it too', async () => {
    const { fixture, backend, byTestId, element } = await render('x1');
    backend.expectOne('/api/v1/instructors/x1').flush({
      id: 'x1',
      fullName: '黄思远',
      fullNameLatin: 'Huang Siyuan',
      institutionId: 'i1',
      expertise: ['Live commerce'],
      languages: ['zh', 'th'],
    } satisfies Instructor);
    await settle(fixture);
    const options = [...byTestId<HTMLSelectElement>('instructor-institution').options].map((o) =>
      o.textContent?.trim(),
    );
    expect(options.slice(1)).toEqual(['跨境电商公司', '铜仁职业技术学院']);
    expect(byTestId<HTMLSelectElement>('instructor-institution').value).toBe('i1');
    expect(byTestId<HTMLInputElement>('instructor-full-name-latin').value).toBe('Huang Siyuan');
    const languages = [...element.querySelectorAll('[data-testid="instructor-languages"] [data-code]')];
    expect(languages.map((l) => l.textContent?.trim())).toEqual(['中文', '泰语']);

    // Emptying the Latin name removes it (null), as the API's PATCH expects.
    const latin = byTestId<HTMLInputElement>('instructor-full-name-latin');
    latin.value = '';
    latin.dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>('instructor-save').click();
    await settle(fixture);
    const request = backend.expectOne('/api/v1/instructors/x1');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({
      fullName: '黄思远',
      fullNameLatin: null,
      institutionId: 'i1',
      expertise: ['Live commerce'],
      languages: ['zh', 'th'],
    });
    request.flush({
      id: 'x1',
      fullName: '黄思远',
      institutionId: 'i1',
      expertise: ['Live commerce'],
      languages: ['zh', 'th'],
    });
    await settle(fixture);
    expect(byTestId('form-saved')).toBeTruthy();
  });

  it('refuses a Latin name in another script before sending, and shows the API’s words for a list item', async () => {
    const { fixture, backend, byTestId, element } = await render();
    const type = (testId: string, value: string) => {
      const input = byTestId<HTMLInputElement>(testId);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('instructor-full-name', '黄思远');
    type('instructor-full-name-latin', '黄思远');
    const institution = byTestId<HTMLSelectElement>('instructor-institution');
    institution.value = 'i1';
    institution.dispatchEvent(new Event('change'));
    byTestId<HTMLButtonElement>('instructor-save').click();
    await settle(fixture);
    backend.expectNone('/api/v1/instructors');
    expect(element.querySelector('#ins-latin-error')?.textContent?.trim()).toBeTruthy();

    type('instructor-full-name-latin', 'Huang Siyuan');
    type('instructor-expertise-input', 'x'.repeat(90)); // typed, not added: saving adds it
    byTestId<HTMLButtonElement>('instructor-save').click();
    await settle(fixture);
    const request = backend.expectOne('/api/v1/instructors');
    expect(request.request.body).toEqual({
      fullName: '黄思远',
      fullNameLatin: 'Huang Siyuan',
      institutionId: 'i1',
      expertise: ['x'.repeat(90)],
      languages: [],
    });
    request.flush(
      {
        type: 'urn:skillbridge:problem:validation-failed',
        title: '请求无效',
        status: 400,
        detail: '请求无效',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'expertise[0]', code: 'MAX_LENGTH', message: '最多 100 个字符。' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(byTestId('form-error').textContent).toContain('最多 100 个字符。');
  });
});
