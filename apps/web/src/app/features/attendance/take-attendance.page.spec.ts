import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AttendanceSheet, Program, Session } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { TakeAttendancePage } from './take-attendance.page';

const SHEET: AttendanceSheet = {
  sessionId: 's1',
  programId: 'p1',
  opensAt: '2025-03-04T00:30:00.000Z',
  version: 'v1',
  lines: [
    {
      traineeId: 't1',
      enrolmentId: 'e1',
      fullName: 'สมศรี มีสุข',
      fullNameLatin: 'Somsri Meesuk',
      nationality: 'TH',
      status: 'present',
    },
    { traineeId: 't2', enrolmentId: 'e2', fullName: 'อนันต์ ใจงาม', nationality: 'TH', status: null },
    { traineeId: 't3', enrolmentId: 'e3', fullName: 'Nguyễn Văn An', nationality: 'VN', status: 'absent' },
  ],
};
const PROGRAM = {
  id: 'p1',
  code: 'TRPC-TH-2025',
  title: { en: 'Smart agriculture camp' },
  timezone: 'Asia/Shanghai',
  status: 'published',
} as Program;
const SESSION = {
  id: 's1',
  programId: 'p1',
  title: { en: 'Drip irrigation' },
  startsAt: '2025-03-04T01:00:00Z',
  endsAt: '2025-03-04T03:00:00Z',
} as Session;

/** Lets awaited responses run through the page's async code, then renders. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(locale: 'en' | 'th' = 'en', sheet: AttendanceSheet = SHEET) {
  TestBed.configureTestingModule({
    imports: [TakeAttendancePage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(TakeAttendancePage);
  fixture.componentRef.setInput('id', 's1');
  fixture.detectChanges();
  backend.expectOne('/api/v1/sessions/s1/attendance').flush(sheet);
  await new Promise((resolve) => setTimeout(resolve));
  backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
  backend.expectOne('/api/v1/programs/p1/sessions').flush([SESSION]);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`) as HTMLElement;
  const statuses = () => all('attendance-row').map((row) => row.dataset['status']);
  return { fixture, backend, element, all, one, statuses };
}

describe('TakeAttendancePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the trainees in both scripts with each mark in words, and cycles a mark with a tap', async () => {
    const { fixture, all, one, statuses } = await render();
    expect(all('attendance-name').map((e) => e.textContent?.trim())).toEqual([
      'สมศรี มีสุข',
      'อนันต์ ใจงาม',
      'Nguyễn Văn An',
    ]);
    expect(one('attendance-register').textContent).toContain('Somsri Meesuk');
    expect(all('attendance-status').map((e) => e.textContent?.trim())).toEqual(['Present', 'Not marked', 'Absent']);
    expect((one('attendance-save') as HTMLButtonElement).disabled).toBe(true);
    expect(one('save-status').textContent?.trim()).toBe('Not saved yet');

    all('attendance-row')[0].click();
    await fixture.whenStable();
    expect(statuses()).toEqual(['late', 'unmarked', 'absent']);
    expect(all('attendance-status')[0].textContent?.trim()).toBe('Late');
    expect(one('unsaved-indicator').textContent?.trim()).toBe('Unsaved changes: 1');
    expect(all('attendance-row-changed')).toHaveLength(1);
    expect((one('attendance-save') as HTMLButtonElement).disabled).toBe(false);
  });

  it('saves the whole register with PUT — unchanged marks too — and says when', async () => {
    const { fixture, backend, all, one, statuses } = await render();
    one('all-present').click();
    all('attendance-row')[2].click(); // present → late
    await fixture.whenStable();
    expect(statuses()).toEqual(['present', 'present', 'late']);
    expect(one('unsaved-indicator').textContent?.trim()).toBe('Unsaved changes: 2');

    one('attendance-save').click();
    await fixture.whenStable();
    expect(one('save-status').textContent?.trim()).toBe('Saving…');
    const request = backend.expectOne('/api/v1/sessions/s1/attendance');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual([
      { traineeId: 't1', status: 'present' },
      { traineeId: 't2', status: 'present' },
      { traineeId: 't3', status: 'late' },
    ]);
    request.flush({
      ...SHEET,
      updatedAt: new Date().toISOString(),
      lines: SHEET.lines.map((l, i) => ({ ...l, status: i === 2 ? 'late' : 'present' })),
    });
    await settle(fixture);
    expect(one('save-status').dataset['state']).toBe('saved');
    expect(one('save-status').textContent?.trim()).toMatch(/^Saved at \d\d:\d\d$/);
    expect(all('attendance-row-changed')).toHaveLength(0);
    expect((one('attendance-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows why a save failed, on the row it concerns, and keeps the marks', async () => {
    const { fixture, backend, all, one, statuses } = await render();
    all('attendance-row')[1].click();
    await fixture.whenStable();
    one('attendance-save').click();
    backend.expectOne('/api/v1/sessions/s1/attendance').flush(
      {
        type: '',
        title: '',
        status: 400,
        detail: '',
        code: 'VALIDATION_FAILED',
        errors: [
          { field: '[1].traineeId', code: 'NOT_CONFIRMED', message: 'Is not a confirmed trainee of this program.' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(one('save-status').textContent?.trim()).toBe('Some fields need your attention.');
    expect(all('attendance-row-error').map((e) => e.textContent?.trim())).toEqual([
      'Is not a confirmed trainee of this program.',
    ]);
    expect(statuses()).toEqual(['present', 'present', 'absent']);
  });

  it('turns read-only when the program was closed meanwhile', async () => {
    const { fixture, backend, all, one, statuses } = await render();
    all('attendance-row')[1].click();
    await fixture.whenStable();
    one('attendance-save').click();
    backend
      .expectOne('/api/v1/sessions/s1/attendance')
      .flush(
        { type: '', title: '', status: 409, detail: '', code: 'PROGRAM_COMPLETED' },
        { status: 409, statusText: 'Conflict' },
      );
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/v1/programs/p1').flush({ ...PROGRAM, status: 'completed' });
    await settle(fixture);
    expect(one('attendance-closed').textContent?.trim()).toBe(
      'This program is closed: its registers can be read but no longer changed.',
    );
    expect(one('attendance-save')).toBeNull();
    all('attendance-row')[0].click();
    await fixture.whenStable();
    expect(statuses()[0]).toBe('present');
  });

  it('shows a session whose register is not open yet read-only, saying from when it opens', async () => {
    const opensAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const { fixture, backend, all, one, statuses } = await render('en', { ...SHEET, opensAt });
    expect(one('attendance-not-open').textContent).toMatch(
      /This session has not started yet: attendance can be taken from/,
    );
    expect(one('all-present')).toBeNull();
    expect(one('attendance-savebar')).toBeNull();
    all('attendance-row')[1].click();
    await fixture.whenStable();
    expect(statuses()).toEqual(['present', 'unmarked', 'absent']);
    backend.expectNone('/api/v1/sessions/s1/attendance');
  });

  it('speaks Thai', async () => {
    const { one, all } = await render('th');
    expect(one('all-present').textContent?.trim()).toBe('มาเรียนทุกคน');
    expect(all('attendance-status')[1].textContent?.trim()).toBe('ยังไม่บันทึก');
  });
});
