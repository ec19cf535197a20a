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

  it('shows the recorded scores and saves one row with feedback', async () => {
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
          entry('e1', 'สมศรี มีสุข', { score: 72 }),
          entry('e2', 'อนันต์ ใจงาม'),
          entry('e3', 'Withdrawn One', { status: 'withdrawn' }),
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
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const rows = [...element.querySelectorAll<HTMLElement>('[data-testid="score-row"]')];
    expect(rows.map((r) => r.querySelector('[data-testid="score-name"]')?.textContent?.trim())).toEqual([
      'สมศรี มีสุข',
      'อนันต์ ใจงาม',
    ]);
    const inputs = rows.map(
      (r) => r.querySelector<HTMLInputElement>('[data-testid="score-input"]') as HTMLInputElement,
    );
    expect(inputs[0].value).toBe('72');
    expect(inputs[1].value).toBe('');

    inputs[1].value = '88.5';
    inputs[1].dispatchEvent(new Event('input'));
    const remarks = rows[1].querySelector<HTMLInputElement>('[data-testid="remarks-input"]') as HTMLInputElement;
    remarks.value = 'Excellent field work';
    remarks.dispatchEvent(new Event('input'));
    rows[1].querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    const request = backend.expectOne('/api/v1/enrolments/e2/assessment');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ score: 88.5, remarks: 'Excellent field work' });
    request.flush({
      enrolmentId: 'e2',
      score: 88.5,
      remarks: 'Excellent field work',
      assessedAt: new Date().toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const status = rows[1].querySelector<HTMLElement>('[data-testid="score-status"]') as HTMLElement;
    expect(status.dataset['state']).toBe('saved');
    expect(status.textContent?.trim()).toMatch(/^Saved at \d\d:\d\d$/);

    // Out of range: nothing is sent, and the field says why.
    inputs[0].value = '120';
    inputs[0].dispatchEvent(new Event('input'));
    rows[0].querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    backend.expectNone('/api/v1/enrolments/e1/assessment');
    expect(rows[0].querySelector('[data-testid="field-error"]')?.textContent?.trim()).toBe('Must be at most 100.');
  });
});
