import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CompletionPreview, Program } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { CompletionPage } from './completion.page';

const PROGRAM = {
  id: 'p1',
  code: 'TRPC-TH-2025',
  title: { en: 'Smart agriculture camp', zh: '智慧农业训练营' },
  startDate: '2025-03-04',
  endDate: '2025-03-08',
  timezone: 'Asia/Shanghai',
  status: 'published',
  completionRule: { minAttendanceRate: 0.8, passingScore: 60 },
} as Program;
const PREVIEW: CompletionPreview = {
  programId: 'p1',
  sessions: 5,
  minAttendanceRate: 0.8,
  passingScore: 60,
  endsAt: '2025-03-08T08:00:00.000Z',
  sessionsWithoutAttendance: [],
  lines: [
    {
      enrolmentId: 'e1',
      traineeId: 't1',
      fullName: 'สมศรี มีสุข',
      fullNameLatin: 'Somsri Meesuk',
      institutionCode: 'RMUTT',
      countedSessions: 5,
      attendedSessions: 5,
      attendanceRate: 1,
      score: 88.5,
      completes: true,
      shortfalls: [],
    },
    {
      enrolmentId: 'e2',
      traineeId: 't2',
      fullName: 'อนันต์ ใจงาม',
      countedSessions: 5,
      attendedSessions: 2,
      attendanceRate: 0.4,
      completes: false,
      shortfalls: ['attendance', 'no-score'],
    },
    {
      enrolmentId: 'e3',
      traineeId: 't3',
      fullName: 'Nguyễn Văn An',
      countedSessions: 0,
      attendedSessions: 0,
      score: 70,
      completes: false,
      shortfalls: ['no-attended-session'],
    },
  ],
};

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(locale: 'en' | 'zh' = 'en', preview: CompletionPreview = PREVIEW) {
  TestBed.configureTestingModule({
    imports: [CompletionPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CompletionPage);
  fixture.componentRef.setInput('id', 'p1');
  fixture.detectChanges();
  backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
  backend.expectOne('/api/v1/programs/p1/completion').flush(preview);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`) as HTMLElement;
  const text = (id: string) => one(id).textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, backend, element, all, one, text };
}

describe('CompletionPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('previews who completes, the totals, and why the others do not, in words', async () => {
    const { all, text } = await render();
    expect(text('completion-rule')).toBe(
      'Completion rule: attend at least 80% of the sessions that count (5 sessions; excused absences are left out). Passing score: 60.',
    );
    expect(text('total-trainees')).toBe('3');
    expect(text('total-completes')).toBe('1');
    expect(text('total-does-not-complete')).toBe('2');
    expect(all('completion-rate').map((e) => e.textContent?.trim())).toEqual(['100%', '40%', '—']);
    expect(all('completion-score').map((e) => e.textContent?.trim())).toEqual(['88.5', '—', '70']);
    expect(all('completion-outcome').map((e) => e.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '✓ Completes',
      '✗ Does not complete',
      '✗ Does not complete',
    ]);
    expect(
      all('completion-reasons').map((e) => [...e.querySelectorAll('li')].map((li) => li.textContent?.trim())),
    ).toEqual([['Attendance below 80%', 'No assessment score'], ['Attended no session (excused from all)']]);
    expect(text('shortfall-summary')).toContain('Attendance below 80%: 1');
  });

  it('gives the reasons in Chinese too', async () => {
    const { all } = await render('zh');
    expect(all('completion-reasons')[0].textContent).toContain('出勤率低于 80%');
    expect(all('completion-reasons')[0].textContent).toContain('没有考核成绩');
  });

  it('closes the program after confirmation and shows the result and the final outcome', async () => {
    const { fixture, backend, one, text } = await render();
    one('close-program').click();
    await settle(fixture);
    one('confirm-yes').click();
    const request = backend.expectOne('/api/v1/programs/p1/complete');
    expect(request.request.method).toBe('POST');
    request.flush({ completed: 1, notCompleted: 2, certificatesIssued: 1 });
    await settle(fixture);
    backend.expectOne('/api/v1/programs/p1').flush({ ...PROGRAM, status: 'completed' });
    backend.expectOne('/api/v1/programs/p1/completion').flush(PREVIEW);
    await settle(fixture);
    // The completer selection of the closed program asks for the published programs.
    backend
      .expectOne((r) => r.url === '/api/v1/programs' && r.params.get('status') === 'published')
      .flush({
        items: [],
        nextCursor: null,
      });
    await settle(fixture);
    expect(text('result-completed')).toBe('Completed: 1');
    expect(text('result-not-completed')).toBe('Not completed: 2');
    expect(text('result-issued')).toBe('Certificates issued: 1');
    // The result is at the top, the button was at the bottom: the result takes the focus (and the view).
    expect(document.activeElement).toBe(one('completion-result'));
    expect(text('completion-heading')).toBe('Program outcome');
    expect(one('close-program')).toBeNull();
    expect(one('completer-selection')).not.toBeNull();
  });

  it('does not offer to close a program before its last session has ended, and says when it can', async () => {
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const { one, text } = await render('en', { ...PREVIEW, endsAt: later });
    expect(one('close-program')).toBeNull();
    expect(text('completion-not-ended')).toMatch(/^This program can be closed once its last session has ended \(/);
  });

  it('lists the sessions without any attendance in the confirmation before closing', async () => {
    const { fixture, backend, one, all } = await render('en', {
      ...PREVIEW,
      sessionsWithoutAttendance: [
        {
          sessionId: 's4',
          title: { en: 'Soil improvement', zh: '土壤改良' },
          startsAt: '2025-03-07T01:00:00.000Z',
          endsAt: '2025-03-07T03:00:00.000Z',
        },
      ],
    });
    one('close-program').click();
    await settle(fixture);
    expect(one('confirm-unmarked').textContent).toContain('No attendance was taken in these sessions');
    expect(all('confirm-unmarked-session').map((e) => e.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Soil improvement · Mar 7, 2025/),
    ]);
    backend.expectNone('/api/v1/programs/p1/complete');
  });
});
