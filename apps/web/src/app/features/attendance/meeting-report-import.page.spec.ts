import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AttendanceImportResult, AttendanceSheet } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { MeetingReportImportPage } from './meeting-report-import.page';

const SHEET: AttendanceSheet = {
  sessionId: 's1',
  programId: 'p1',
  opensAt: '2024-09-03T00:30:00.000Z',
  version: 'v1',
  lines: [
    { traineeId: 't1', enrolmentId: 'e1', fullName: 'Nguyễn Văn An', nationality: 'VN', status: null },
    {
      traineeId: 't2',
      enrolmentId: 'e2',
      fullName: 'สมชาย ใจดี',
      fullNameLatin: 'Somchai Jaidee',
      nationality: 'TH',
      status: null,
    },
    {
      traineeId: 't3',
      enrolmentId: 'e3',
      fullName: 'สมชาย ใจดี',
      fullNameLatin: 'Somchai Jaidee',
      nationality: 'TH',
      status: null,
    },
    { traineeId: 't4', enrolmentId: 'e4', fullName: 'Siti Aminah', nationality: 'MY', status: 'excused' },
  ],
};

const person = { rows: [5], minutes: 110, firstJoinAt: '2024-09-03T00:55:00.000Z', status: 'present' as const };
const DRY_RUN: AttendanceImportResult = {
  format: 'zoom',
  dryRun: true,
  rows: 4,
  matched: [{ ...person, row: 5, name: 'An Nguyen', traineeId: 't1', fullName: 'Nguyễn Văn An', matchedBy: 'email' }],
  ambiguous: [
    {
      ...person,
      row: 6,
      rows: [6],
      name: 'Somchai Jaidee',
      candidates: [
        { traineeId: 't2', fullName: 'สมชาย ใจดี' },
        { traineeId: 't3', fullName: 'สมชาย ใจดี' },
      ],
    },
  ],
  unmatched: [
    { ...person, row: 7, rows: [7], name: 'Guest Visitor', email: 'v@example.com', minutes: 30, status: 'absent' },
  ],
  missing: [{ traineeId: 't4', fullName: 'Siti Aminah' }],
};

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  fixture.detectChanges();
}

async function render(locale: 'en' | 'th' | 'zh' = 'en') {
  TestBed.configureTestingModule({
    imports: [MeetingReportImportPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(MeetingReportImportPage);
  fixture.componentRef.setInput('id', 's1');
  fixture.detectChanges();
  backend.expectOne('/api/v1/sessions/s1/attendance').flush(SHEET);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const one = <T extends HTMLElement = HTMLElement>(id: string) =>
    element.querySelector<T>(`[data-testid="${id}"]`) as T;
  const pick = async (file: File) => {
    const input = one<HTMLInputElement>('report-file');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle(fixture);
  };
  return { fixture, backend, element, one, pick };
}

const report = () =>
  new File(['Name (Original Name),User Email,Join Time\r\n'], 'participants.csv', { type: 'text/csv' });

describe('MeetingReportImportPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('checks the report with a dry run and shows whom it found, whom not, and who will be absent', async () => {
    const { fixture, backend, one, pick } = await render();
    expect(one<HTMLButtonElement>('report-check').disabled).toBe(true);
    await pick(report());
    expect(one('report-chosen').textContent?.trim()).toBe('participants.csv');
    one('report-check').click();
    const request = backend.expectOne((r) => r.url === '/api/v1/sessions/s1/attendance/import');
    expect(request.request.method).toBe('POST');
    expect(request.request.params.get('dryRun')).toBe('true');
    const body = request.request.body as FormData;
    expect((body.get('file') as File).name).toBe('participants.csv');
    expect(body.get('assignments')).toBeNull();
    request.flush(DRY_RUN);
    await settle(fixture);

    expect(one('report-summary').textContent).toContain('Zoom report: 4 rows, 1 trainees found.');
    const matched = one('matched-t1').textContent ?? '';
    expect(matched).toContain('An Nguyen');
    expect(matched).toContain('Nguyễn Văn An');
    expect(matched).toContain('110 min');
    expect(matched).toContain('Present');
    expect(one('report-unmatched').textContent).toContain('Guest Visitor');
    expect(one('report-missing').textContent).toContain('Siti Aminah');
    // Everyone on the register can be chosen for a person the report names differently.
    const unmatched = one<HTMLSelectElement>('unmatched-7');
    expect([...unmatched.options].map((o) => o.textContent?.trim())).toEqual([
      'Leave out',
      'Nguyễn Văn An',
      'สมชาย ใจดี (Somchai Jaidee)',
      'สมชาย ใจดี (Somchai Jaidee)',
      'Siti Aminah',
    ]);
    // A shared name must be settled first.
    expect(one<HTMLButtonElement>('report-commit').disabled).toBe(true);
    expect(one('report-unsettled').textContent).toContain('1');
  });

  it('imports with the instructor’s choices and goes back to the register', async () => {
    const { fixture, backend, one, pick } = await render();
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    await pick(report());
    one('report-check').click();
    backend.expectOne((r) => r.url.endsWith('/attendance/import')).flush(DRY_RUN);
    await settle(fixture);

    const ambiguous = one<HTMLSelectElement>('ambiguous-6');
    ambiguous.value = 't3';
    ambiguous.dispatchEvent(new Event('change'));
    const unmatched = one<HTMLSelectElement>('unmatched-7');
    unmatched.value = 't4';
    unmatched.dispatchEvent(new Event('change'));
    await settle(fixture);
    expect(one<HTMLButtonElement>('report-commit').disabled).toBe(false);

    one('report-commit').click();
    const request = backend.expectOne((r) => r.url.endsWith('/attendance/import'));
    expect(request.request.params.get('dryRun')).toBe('false');
    expect(JSON.parse((request.request.body as FormData).get('assignments') as string)).toEqual([
      { row: 6, traineeId: 't3' },
      { row: 7, traineeId: 't4' },
    ]);
    request.flush({ ...DRY_RUN, dryRun: false, sheet: SHEET });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/instructor/sessions', 's1', 'attendance'], expect.anything());
  });

  it('says why a report was refused, in the language of the page', async () => {
    const { fixture, backend, one, pick } = await render('th');
    await pick(report());
    one('report-check').click();
    backend
      .expectOne((r) => r.url.endsWith('/attendance/import'))
      .flush(
        {
          type: '',
          title: '',
          status: 400,
          detail: '',
          code: 'IMPORT_FILE_INVALID',
          errors: [{ field: 'file', code: 'UNKNOWN_REPORT', message: 'ไม่ใช่รายงานผู้เข้าร่วมของ Zoom' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    const failure = one('report-failure').textContent ?? '';
    const th = (await import('../../../../public/i18n/th.json')).default as { errors: Record<string, string> };
    expect(failure).toContain(th.errors['IMPORT_FILE_INVALID']);
    expect(one('report-failure-detail').textContent).toBe('ไม่ใช่รายงานผู้เข้าร่วมของ Zoom');
    expect(one('report-summary')).toBeNull();
  });

  it('refuses a file over the size limit before sending it', async () => {
    const { one, pick } = await render('zh');
    const big = new File(['x'], 'big.csv');
    Object.defineProperty(big, 'size', { value: 6 * 1024 * 1024 });
    await pick(big);
    expect(one('report-failure').textContent).toContain('5 MB');
    expect(one<HTMLButtonElement>('report-check').disabled).toBe(true);
  });
});
