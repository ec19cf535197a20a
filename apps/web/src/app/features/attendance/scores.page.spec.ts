import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { provideRouter } from '@angular/router';
import type { Program, RosterEntry } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { assessmentOf, ScoresPage, twoDecimals } from './scores.page';

const entry = (id: string, fullName: string, extra: Partial<RosterEntry> = {}): RosterEntry => ({
  id,
  programId: 'p1',
  traineeId: `t-${id}`,
  status: 'confirmed',
  createdAt: '2025-02-20T03:00:00Z',
  fullName,
  email: `${id}@e2e.test`,
  nationality: 'TH',
  ...extra,
});

describe('score rules', () => {
  it('allows at most two decimals and sends trimmed remarks only when there are some', () => {
    expect(twoDecimals(new FormControl(86.5))).toBeNull();
    expect(twoDecimals(new FormControl(86.25))).toBeNull();
    expect(twoDecimals(new FormControl(86.255))).toEqual({ decimals: { max: 2 } });
    expect(assessmentOf({ score: 86.5, remarks: '  Strong practical work.  ' })).toEqual({
      score: 86.5,
      remarks: 'Strong practical work.',
    });
    expect(assessmentOf({ score: 70, remarks: '   ' })).toEqual({ score: 70 });
  });
});

describe('ScoresPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render() {
    TestBed.configureTestingModule({
      imports: [ScoresPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).use('en');
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ScoresPage);
    fixture.componentRef.setInput('id', 'p1');
    fixture.detectChanges();
    backend
      .expectOne((r) => r.url === '/api/v1/programs/p1/enrolments')
      .flush({
        items: [
          entry('e1', 'สมศรี มีสุข', { score: 72, fullNameLatin: 'Somsri Meesuk' }),
          entry('e2', 'อนันต์ ใจงาม'),
          entry('e3', 'Withdrawn One', { status: 'withdrawn' }),
          entry('e4', 'Nguyễn Văn An', { institutionCode: 'HCMUTE' }),
        ],
        nextCursor: null,
      });
    backend.expectOne('/api/v1/programs/p1').flush({
      id: 'p1',
      code: 'P1',
      title: { en: 'Camp' },
      status: 'published',
      completionRule: { minAttendanceRate: 0.75, passingScore: 60 },
    } as Program);
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    const row = (id: string) => element.querySelector<HTMLElement>(`[data-enrolment-id="${id}"]`) as HTMLElement;
    const type = async (id: string, testId: 'score-input' | 'remarks-input', value: string) => {
      const input = row(id).querySelector<HTMLInputElement>(`[data-testid="${testId}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await settle(fixture);
    };
    const click = async (testId: string) => {
      element.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
      await settle(fixture);
    };
    const text = (testId: string) => element.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
    return { fixture, backend, element, row, type, click, text, page: fixture.componentInstance };
  }

  async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  }

  it('finds trainees by name in either script, without accents', async () => {
    const { element, fixture, text } = await render();
    const names = () =>
      [...element.querySelectorAll('[data-testid="score-name"]')].map((name) => name.textContent?.trim());
    expect(names()).toEqual(['สมศรี มีสุข', 'อนันต์ ใจงาม', 'Nguyễn Văn An']);
    const search = element.querySelector<HTMLInputElement>('[data-testid="scores-search"]') as HTMLInputElement;
    for (const [query, expected] of [
      ['nguyen', ['Nguyễn Văn An']],
      ['SOMSRI', ['สมศรี มีสุข']],
      ['ใจงาม', ['อนันต์ ใจงาม']],
      ['hcmute', ['Nguyễn Văn An']],
    ] as const) {
      search.value = query;
      search.dispatchEvent(new Event('input'));
      await settle(fixture);
      expect(names()).toEqual(expected);
    }
    expect(text('scores-shown')).toBe('Showing 1 of 3');
    search.value = 'nobody';
    search.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(text('scores-no-match')).toContain('Nobody matches this search.');
  });

  it('saves every changed row in one request, hidden ones included, and then has nothing unsaved', async () => {
    const { backend, element, fixture, type, click, text, page } = await render();
    expect(page.hasUnsavedChanges()).toBe(false);
    await type('e2', 'score-input', '88.5');
    await type('e2', 'remarks-input', '  Excellent field work ');
    await type('e4', 'score-input', '64');
    expect(page.hasUnsavedChanges()).toBe(true);
    expect(text('scores-unsaved')).toBe('Unsaved scores: 2');
    // A search that hides a changed row does not leave it out of the save.
    const search = element.querySelector<HTMLInputElement>('[data-testid="scores-search"]') as HTMLInputElement;
    search.value = 'nguyen';
    search.dispatchEvent(new Event('input'));
    await settle(fixture);
    await click('scores-save');
    const request = backend.expectOne('/api/v1/programs/p1/assessments');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      assessments: [
        { enrolmentId: 'e2', score: 88.5, remarks: 'Excellent field work' },
        { enrolmentId: 'e4', score: 64 },
      ],
    });
    const at = new Date().toISOString();
    request.flush({
      assessments: [
        { enrolmentId: 'e2', score: 88.5, remarks: 'Excellent field work', assessedAt: at },
        { enrolmentId: 'e4', score: 64, assessedAt: at },
      ],
    });
    await settle(fixture);
    expect(page.hasUnsavedChanges()).toBe(false);
    expect(text('scores-save-status')).toMatch(/^Scores saved: 2, at \d\d:\d\d$/);
    expect(element.querySelector('[data-testid="scores-save"]')?.hasAttribute('disabled')).toBe(true);
  });

  it('sends nothing while a changed row is invalid, and puts the API’s words on the row it names', async () => {
    const { backend, fixture, row, type, click, text, page } = await render();
    await type('e1', 'score-input', '120');
    await click('scores-save');
    backend.expectNone('/api/v1/programs/p1/assessments');
    expect(text('scores-save-status')).toBe('Nothing was saved: rows to correct: 1.');
    expect(row('e1').querySelector('[data-testid="field-error"]')?.textContent?.trim()).toBe('Must be at most 100.');

    await type('e1', 'score-input', '90');
    await type('e2', 'score-input', '70');
    await click('scores-save');
    backend.expectOne('/api/v1/programs/p1/assessments').flush(
      {
        type: 'urn:skillbridge:problem:validation-failed',
        title: 'Invalid',
        status: 400,
        detail: 'Invalid',
        code: 'VALIDATION_FAILED',
        errors: [
          {
            field: 'assessments[1].enrolmentId',
            code: 'NOT_CONFIRMED',
            message: 'Is not a confirmed trainee of this program.',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(text('scores-save-status')).toBe('Nothing was saved: rows to correct: 1.');
    expect(row('e2').querySelector('[data-testid="score-row-error"]')?.textContent?.trim()).toBe(
      'Is not a confirmed trainee of this program.',
    );
    expect(page.hasUnsavedChanges()).toBe(true);
  });
});
