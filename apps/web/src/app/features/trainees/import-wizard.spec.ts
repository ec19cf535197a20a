import { HttpErrorResponse, HttpEvent, HttpEventType, HttpResponse } from '@angular/common/http';
import { TRAINEE_IMPORT_COLUMNS, type ImportReport } from '@skillbridge/contracts';
import { Subject } from 'rxjs';
import { ImportWizard, importTemplateCsv, previewView } from './import-wizard';

const csv = (name: string, text = 'fullName,email,nationality\nสมศรี มีสุข,somsri@rmutt.test,TH\n') =>
  new File([text], name, { type: 'text/csv' });

const row = (n: number, action: 'create' | 'update' | 'error', email: string) => ({
  row: n,
  action,
  fullName: 'สมศรี มีสุข',
  fullNameLatin: 'Somsri Meesuk',
  email,
  nationality: 'TH',
  institutionCode: '',
  preferredLocale: 'th',
});

const withErrors: ImportReport = {
  dryRun: true,
  committed: false,
  rows: 2,
  created: 1,
  updated: 0,
  errors: [{ row: 3, field: 'email', code: 'IS_EMAIL', message: 'ต้องเป็นที่อยู่อีเมลที่ถูกต้อง' }],
  preview: [row(2, 'create', 'somsri@rmutt.test'), row(3, 'error', 'not-an-email')],
};
const clean: ImportReport = {
  dryRun: true,
  committed: false,
  rows: 2,
  created: 2,
  updated: 0,
  errors: [],
  preview: [row(2, 'create', 'somsri@rmutt.test'), row(3, 'create', 'anan@rmutt.test')],
};

/** An uploader the test drives by hand: each call gets its own stream of HTTP events. */
function fakeUploader() {
  const calls: { file: File; dryRun: boolean; events: Subject<HttpEvent<ImportReport>> }[] = [];
  const upload = (file: File, dryRun: boolean) => {
    const events = new Subject<HttpEvent<ImportReport>>();
    calls.push({ file, dryRun, events });
    return events.asObservable();
  };
  const answer = (report: ImportReport) => {
    const call = calls[calls.length - 1];
    call.events.next(new HttpResponse({ status: 200, body: report }));
    call.events.complete();
  };
  return { calls, upload, answer };
}

describe('ImportWizard', () => {
  it('goes dry run → errors → corrected file → dry run → confirm → done', async () => {
    const { calls, upload, answer } = fakeUploader();
    const wizard = new ImportWizard(upload);
    expect(wizard.canCheck()).toBe(false);

    wizard.choose(csv('roster.csv'));
    expect(wizard.canCheck()).toBe(true);
    const first = wizard.check();
    expect(calls[0].dryRun).toBe(true);
    expect(wizard.step()).toBe('uploading');
    expect(wizard.busy()).toBe(true);

    calls[0].events.next({ type: HttpEventType.UploadProgress, loaded: 50, total: 200 });
    expect(wizard.progress()).toBe(25);
    expect(wizard.step()).toBe('uploading');
    calls[0].events.next({ type: HttpEventType.UploadProgress, loaded: 200, total: 200 });
    expect(wizard.step()).toBe('processing');

    answer(withErrors);
    await first;
    expect(wizard.step()).toBe('preview');
    expect(wizard.busy()).toBe(false);
    expect(wizard.report()?.errors).toHaveLength(1);
    expect(wizard.canCommit()).toBe(false);
    await wizard.commit(); // refused: the preview has errors
    expect(calls).toHaveLength(1);

    // The corrected file replaces the old report: it must be checked before it can be committed.
    const fixed = csv('roster-fixed.csv');
    wizard.choose(fixed);
    expect(wizard.report()).toBeNull();
    expect(wizard.step()).toBe('choose');
    expect(wizard.canCommit()).toBe(false);

    const second = wizard.check();
    answer(clean);
    await second;
    expect(calls[1]).toMatchObject({ file: fixed, dryRun: true });
    expect(wizard.canCommit()).toBe(true);

    const commit = wizard.commit();
    expect(calls[2]).toMatchObject({ file: fixed, dryRun: false });
    expect(wizard.running()).toBe('commit');
    answer({ ...clean, dryRun: false, committed: true, preview: undefined });
    await commit;
    expect(wizard.step()).toBe('done');
    expect(wizard.result()).toMatchObject({ committed: true, created: 2 });
    expect(wizard.canCheck()).toBe(false);

    wizard.reset();
    expect(wizard.step()).toBe('choose');
    expect(wizard.file()).toBeNull();
    expect(wizard.result()).toBeNull();
  });

  it('returns to the preview with the new errors when the real run writes nothing', async () => {
    const { upload, answer } = fakeUploader();
    const wizard = new ImportWizard(upload);
    wizard.choose(csv('roster.csv'));
    const check = wizard.check();
    answer(clean);
    await check;

    const commit = wizard.commit();
    answer({
      dryRun: false,
      committed: false,
      rows: 2,
      created: 0,
      updated: 0,
      errors: [{ row: 3, field: 'email', code: 'TRAINEE_EMAIL_EXISTS', message: 'taken meanwhile' }],
    });
    await commit;
    expect(wizard.step()).toBe('preview');
    expect(wizard.result()).toBeNull();
    expect(wizard.canCommit()).toBe(false);
    // The rows of the dry run stay, so the new error shows at its row.
    const view = previewView(wizard.report() as ImportReport);
    expect(view.lines.find((line) => line.row === 3)?.problems['email']).toEqual(['taken meanwhile']);
  });

  it('shows the API’s words when the file cannot be read, and lets another file be chosen', async () => {
    const { calls, upload } = fakeUploader();
    const wizard = new ImportWizard(upload);
    wizard.choose(csv('roster.csv'));
    const check = wizard.check();
    calls[0].events.error(
      new HttpErrorResponse({
        status: 400,
        error: {
          type: 'urn:skillbridge:problem:import-file-invalid',
          title: 'Invalid file',
          status: 400,
          detail: 'The file lacks required columns.',
          code: 'IMPORT_FILE_INVALID',
          errors: [{ field: 'file', code: 'MISSING_COLUMNS', message: 'Missing column: email' }],
        },
      }),
    );
    await check;
    expect(wizard.failure()).toEqual({ key: 'errors.IMPORT_FILE_INVALID', detail: 'Missing column: email' });
    expect(wizard.step()).toBe('choose');
    expect(wizard.busy()).toBe(false);
    expect(wizard.canCheck()).toBe(true);

    wizard.choose(csv('other.csv'));
    expect(wizard.failure()).toBeNull();
  });

  it('refuses other file types, empty files and files over 10 MiB before uploading', () => {
    const { calls, upload } = fakeUploader();
    const wizard = new ImportWizard(upload);
    wizard.choose(new File(['x'], 'roster.pdf'));
    expect(wizard.failure()?.key).toBe('trainees.import.wrongType');
    expect(wizard.file()).toBeNull();

    wizard.choose(new File([], 'roster.csv'));
    expect(wizard.failure()?.key).toBe('trainees.import.emptyFile');

    const big = new File(['x'], 'roster.xlsx');
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    wizard.choose(big);
    expect(wizard.failure()?.key).toBe('errors.PAYLOAD_TOO_LARGE');
    expect(wizard.canCheck()).toBe(false);

    wizard.choose(new File(['x'], 'ROSTER.XLSX'));
    expect(wizard.failure()).toBeNull();
    expect(wizard.canCheck()).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('takes what Excel saves as “Unicode text” (.txt) and tab-separated files too', () => {
    const wizard = new ImportWizard(fakeUploader().upload);
    for (const name of ['名单.txt', 'roster.TSV', 'roster.csv']) {
      wizard.choose(new File(['x'], name));
      expect(wizard.failure()).toBeNull();
      expect(wizard.file()?.name).toBe(name);
    }
  });
});

describe('previewView', () => {
  it('puts each error at its row and column, and keeps the ones without a row apart', () => {
    const view = previewView({
      ...withErrors,
      errors: [
        { row: 3, field: 'email', code: 'IS_EMAIL', message: 'bad e-mail' },
        { row: 3, field: 'nationality', code: 'IS_COUNTRY', message: 'unknown country' },
        { row: 3, field: 'row', code: 'DUPLICATE', message: 'same as row 2' },
        { row: 1, field: 'row', code: 'HEADER', message: 'unexpected column "phone"' },
      ],
    });
    expect(view.lines.map((line) => line.row)).toEqual([2, 3]);
    expect(view.lines[0].problems).toEqual({});
    expect(view.lines[1].problems).toEqual({ email: ['bad e-mail'], nationality: ['unknown country'] });
    expect(view.lines[1].rowProblems).toEqual(['same as row 2']);
    expect(view.unplaced.map((e) => e.message)).toEqual(['unexpected column "phone"']);
    expect(view.rowsWithProblems).toBe(1);
  });
});

describe('importTemplateCsv', () => {
  it('is the header row of the import columns, with a BOM for Excel', () => {
    const text = importTemplateCsv();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).trim().split(',')).toEqual([...TRAINEE_IMPORT_COLUMNS]);
  });
});
