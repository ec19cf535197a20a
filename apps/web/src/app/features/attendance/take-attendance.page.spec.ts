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

  it('sends If-Match with the version it loaded, and the next save the version it saved', async () => {
    const { fixture, backend, all, one } = await render();
    all('attendance-row')[1].click();
    await fixture.whenStable();
    one('attendance-save').click();
    const first = backend.expectOne('/api/v1/sessions/s1/attendance');
    expect(first.request.headers.get('If-Match')).toBe('"v1"');
    first.flush({ ...SHEET, version: 'v2', lines: SHEET.lines.map((l) => ({ ...l, status: l.status ?? 'present' })) });
    await settle(fixture);
    all('attendance-row')[1].click();
    await fixture.whenStable();
    one('attendance-save').click();
    const second = backend.expectOne('/api/v1/sessions/s1/attendance');
    expect(second.request.headers.get('If-Match')).toBe('"v2"');
    second.flush({ ...SHEET, version: 'v3' });
    await settle(fixture);
  });

  it('on 412 shows yours and theirs for what the other save changed, and saves the merge as chosen', async () => {
    const { fixture, backend, all, one, statuses } = await render();
    all('attendance-row')[1].click(); // t2: unmarked → present (mine)
    all('attendance-row')[2].click(); // t3: absent → excused (mine)
    await fixture.whenStable();
    one('attendance-save').click();
    // Meanwhile someone marked t1 late and t2 absent; t3 is as I loaded it.
    const theirs: AttendanceSheet = {
      ...SHEET,
      version: 'v9',
      lines: [{ ...SHEET.lines[0], status: 'late' }, { ...SHEET.lines[1], status: 'absent' }, SHEET.lines[2]],
    };
    backend
      .expectOne('/api/v1/sessions/s1/attendance')
      .flush(
        { type: '', title: '', status: 412, detail: '', code: 'ATTENDANCE_CHANGED', sheet: theirs },
        { status: 412, statusText: 'Precondition Failed' },
      );
    await settle(fixture);
    expect(one('save-status').dataset['state']).toBe('conflict');
    const rows = all('save-conflict-row');
    expect(rows.map((r) => r.dataset['traineeId'])).toEqual(['t1', 't2']);
    expect(rows[0].textContent).toContain('Yours: Present');
    expect(rows[0].textContent).toContain('Theirs: Late');
    expect(rows[1].textContent).toContain('Yours: Present');
    expect(rows[1].textContent).toContain('Theirs: Absent');
    // Defaults: t1 (not changed by me) takes theirs, t2 (changed by me) keeps mine.
    const checked = (row: HTMLElement) => row.querySelector<HTMLInputElement>('input:checked')?.value;
    expect(rows.map(checked)).toEqual(['theirs', 'mine']);
    expect((one('attendance-save') as HTMLButtonElement).disabled).toBe(true);

    // The instructor takes theirs for t2 as well, then saves: over their version, with t3 mine.
    rows[1].querySelector<HTMLInputElement>('[data-testid="choose-theirs"]')?.click();
    await fixture.whenStable();
    one('save-choices').click();
    await fixture.whenStable();
    const retry = backend.expectOne('/api/v1/sessions/s1/attendance');
    expect(retry.request.headers.get('If-Match')).toBe('"v9"');
    expect(retry.request.body).toEqual([
      { traineeId: 't1', status: 'late' },
      { traineeId: 't2', status: 'absent' },
      { traineeId: 't3', status: 'excused' },
    ]);
    retry.flush({
      ...theirs,
      version: 'v10',
      lines: theirs.lines.map((l) => (l.traineeId === 't3' ? { ...l, status: 'excused' } : l)),
    });
    await settle(fixture);
    expect(one('save-conflict')).toBeNull();
    expect(one('save-status').dataset['state']).toBe('saved');
    expect(statuses()).toEqual(['late', 'absent', 'excused']);
  });

  it('queues marks on the phone when the connection drops, says so, and sends them one trainee at a time', async () => {
    const { fixture, backend, all, one, statuses } = await render();
    all('attendance-row')[1].click(); // t2 → present
    await fixture.whenStable();
    one('attendance-save').click();
    backend.expectOne('/api/v1/sessions/s1/attendance').error(new ProgressEvent('error'), { status: 0 });
    await settle(fixture);
    await settle(fixture);
    expect(one('queued-indicator').textContent?.trim()).toBe('Saved on this phone, not yet sent (1)');
    expect(one('save-status').getAttribute('aria-live')).toBe('polite');
    expect(all('attendance-row-queued')).toHaveLength(1);
    expect(one('attendance-offline')).not.toBeNull();

    // While offline, a tap goes straight to the queue: the last tap per trainee wins.
    all('attendance-row')[2].click(); // t3 absent → excused
    await settle(fixture);
    expect(one('queued-indicator').textContent?.trim()).toBe('Saved on this phone, not yet sent (2)');
    expect(statuses()).toEqual(['present', 'present', 'excused']);

    // The connection is back: each mark goes as a PATCH with the mark it was made over.
    window.dispatchEvent(new Event('online'));
    await settle(fixture);
    const t2 = backend.expectOne('/api/v1/sessions/s1/attendance/t2');
    expect(t2.request.method).toBe('PATCH');
    expect(t2.request.body).toEqual({ status: 'present', previous: null });
    t2.flush({ ...SHEET.lines[1], status: 'present' }, { headers: { ETag: '"v2"' } });
    await settle(fixture);
    const t3 = backend.expectOne('/api/v1/sessions/s1/attendance/t3');
    expect(t3.request.body).toEqual({ status: 'excused', previous: 'absent' });
    // Someone marked t3 late meanwhile: shown as a conflict, not overwritten.
    t3.flush(
      {
        type: '',
        title: '',
        status: 412,
        detail: '',
        code: 'ATTENDANCE_CHANGED',
        current: { ...SHEET.lines[2], status: 'late' },
      },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await settle(fixture);
    await settle(fixture);
    const conflict = all('queue-conflict-row');
    expect(conflict.map((r) => r.dataset['traineeId'])).toEqual(['t3']);
    expect(one('conflict-mine').textContent?.trim()).toBe('Yours: Excused');
    expect(one('conflict-theirs').textContent?.trim()).toBe('Theirs: Late');
    expect(one('queued-indicator').textContent?.trim()).toBe('Saved on this phone, not yet sent (1)');

    // Keep mine: sent again over their mark.
    one('keep-mine').click();
    await settle(fixture);
    const again = backend.expectOne('/api/v1/sessions/s1/attendance/t3');
    expect(again.request.body).toEqual({ status: 'excused', previous: 'late' });
    again.flush({ ...SHEET.lines[2], status: 'excused' }, { headers: { ETag: '"v3"' } });
    await settle(fixture);
    await settle(fixture);
    // All sent: the register is read again.
    backend.expectOne('/api/v1/sessions/s1/attendance').flush({
      ...SHEET,
      version: 'v3',
      lines: [SHEET.lines[0], { ...SHEET.lines[1], status: 'present' }, { ...SHEET.lines[2], status: 'excused' }],
    });
    await settle(fixture);
    expect(one('queued-indicator')).toBeNull();
    expect(one('queue-conflict')).toBeNull();
    expect(statuses()).toEqual(['present', 'present', 'excused']);
  });

  it('takes a gateway’s 504 (a service worker without a network) for no connection, and a 500 for try again', async () => {
    const { fixture, backend, all, one } = await render();
    all('attendance-row')[1].click();
    await fixture.whenStable();
    one('attendance-save').click();
    backend.expectOne('/api/v1/sessions/s1/attendance').flush(null, { status: 504, statusText: 'Gateway Timeout' });
    await settle(fixture);
    await settle(fixture);
    expect(one('queued-indicator').textContent?.trim()).toBe('Saved on this phone, not yet sent (1)');

    window.dispatchEvent(new Event('online'));
    await settle(fixture);
    backend
      .expectOne('/api/v1/sessions/s1/attendance/t2')
      .flush(
        { type: '', title: '', status: 500, detail: '', code: 'INTERNAL_ERROR' },
        { status: 500, statusText: 'Internal Server Error' },
      );
    await settle(fixture);
    await settle(fixture);
    // Kept for the next try, not dropped.
    expect(one('queued-indicator').textContent?.trim()).toBe('Saved on this phone, not yet sent (1)');
    expect(all('attendance-row-error')).toHaveLength(0);
  });

  it('speaks Thai', async () => {
    const { one, all } = await render('th');
    expect(one('all-present').textContent?.trim()).toBe('มาเรียนทุกคน');
    expect(all('attendance-status')[1].textContent?.trim()).toBe('ยังไม่บันทึก');
  });
});
