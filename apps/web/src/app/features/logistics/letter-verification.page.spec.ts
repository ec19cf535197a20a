import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { InvitationLetterVerification } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { LetterVerificationPage } from './letter-verification.page';

const LETTER: InvitationLetterVerification = {
  reference: 'TRPC-VL-2027-0042',
  issuedAt: '2027-01-10T02:00:00Z',
  holderName: 'SOMSRI MEESUK',
  programTitle: { en: 'Youth skills camp', zh: '青年技能训练营' },
  startDate: '2027-03-02',
  endDate: '2027-03-08',
  hostInstitution: { en: 'Tongren Polytechnic College' },
};

async function render(
  answer: (request: ReturnType<HttpTestingController['expectOne']>) => void,
  locale = 'en' as const,
) {
  TestBed.configureTestingModule({
    imports: [LetterVerificationPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(LetterVerificationPage);
  fixture.componentRef.setInput('reference', LETTER.reference);
  fixture.detectChanges();
  answer(backend.expectOne(`/api/v1/verify/letters/${LETTER.reference}`));
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { element, one };
}

describe('LetterVerificationPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says a current letter is genuine, with holder, program and dates, never passport data', async () => {
    const { one, element } = await render((request) => request.flush(LETTER));
    expect(one('letter-verdict')?.dataset['state']).toBe('valid');
    expect(one('letter-holder')?.textContent?.trim()).toBe('SOMSRI MEESUK');
    expect(element.textContent).toContain('Youth skills camp');
    expect(element.textContent).toContain('Mar 2, 2027 – Mar 8, 2027');
  });

  it('says a superseded letter was replaced, and when', async () => {
    const { one } = await render((request) => request.flush({ ...LETTER, supersededAt: '2027-01-20T02:00:00Z' }));
    expect(one('letter-verdict')?.dataset['state']).toBe('superseded');
    expect(one('letter-verdict')?.textContent).toContain('Jan 20, 2027');
  });

  it('says an unknown reference is not a letter', async () => {
    const { one } = await render((request) =>
      request.flush(
        { type: 'about:blank', title: 'Not Found', status: 404, detail: '', code: 'NOT_FOUND' },
        { status: 404, statusText: 'Not Found' },
      ),
    );
    expect(one('letter-verdict')?.dataset['state']).toBe('not-found');
    expect(one('letter-facts')).toBeNull();
  });
});
