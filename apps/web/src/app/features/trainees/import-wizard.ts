import { HttpEvent, HttpEventType } from '@angular/common/http';
import { computed, signal } from '@angular/core';
import {
  ErrorCode,
  TRAINEE_IMPORT_COLUMNS,
  TRAINEE_IMPORT_MAX_BYTES,
  type ImportPreviewRow,
  type ImportReport,
  type ImportRowError,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { problemOf } from '../../core/http/problem';

/**
 * choose → (uploading → processing) → preview → (uploading → processing) → done.
 * A preview with errors stays in `preview` until a corrected file is chosen
 * and checked again; only an error-free dry run of the chosen file may be
 * committed.
 */
export type ImportStep = 'choose' | 'uploading' | 'processing' | 'preview' | 'done';
export type ImportRun = 'dryRun' | 'commit';

export interface ImportFailure {
  /** Translation key of our own words for what went wrong. */
  key: string;
  /** The API's words about the file (which column is missing…), already in the viewer's language. */
  detail?: string;
}

export type ImportUploader = (file: File, dryRun: boolean) => Observable<HttpEvent<ImportReport>>;

/** CSV, Excel's "Unicode text" (.txt, tab-separated), tab-separated values, XLSX: the API reads them by content. */
const ACCEPTED_FILE = /\.(csv|txt|tsv|xlsx)$/i;

/** The state of the trainee import, apart from any screen: what is chosen, what runs, what the API said. */
export class ImportWizard {
  readonly step = signal<ImportStep>('choose');
  readonly file = signal<File | null>(null);
  readonly running = signal<ImportRun | null>(null);
  /** Upload progress 0..100; null while the browser cannot tell. */
  readonly progress = signal<number | null>(null);
  /** The last dry run of the chosen file (or the errors of a real run that wrote nothing). */
  readonly report = signal<ImportReport | null>(null);
  /** The real run's report, once the rows were written. */
  readonly result = signal<ImportReport | null>(null);
  readonly failure = signal<ImportFailure | null>(null);

  readonly busy = computed(() => this.running() !== null);
  readonly canCheck = computed(() => this.file() !== null && !this.busy() && this.step() !== 'done');
  readonly canCommit = computed(() => {
    const report = this.report();
    return this.step() === 'preview' && !this.busy() && !!report && report.errors.length === 0 && report.rows > 0;
  });

  constructor(private readonly upload: ImportUploader) {}

  /** A new (or corrected) file: whatever was checked before no longer applies. */
  choose(file: File | null): void {
    if (this.busy()) return;
    this.report.set(null);
    this.result.set(null);
    this.failure.set(null);
    this.progress.set(null);
    this.step.set('choose');
    this.file.set(null);
    if (!file) return;
    if (!ACCEPTED_FILE.test(file.name)) this.failure.set({ key: 'trainees.import.wrongType' });
    else if (file.size === 0) this.failure.set({ key: 'trainees.import.emptyFile' });
    else if (file.size > TRAINEE_IMPORT_MAX_BYTES) this.failure.set({ key: `errors.${ErrorCode.PayloadTooLarge}` });
    else this.file.set(file);
  }

  /** Dry run: the API reads the file and says what each row would do, writing nothing. */
  async check(): Promise<void> {
    const file = this.file();
    if (!file || !this.canCheck()) return;
    const report = await this.send(file, true);
    if (report) {
      this.report.set(report);
      this.step.set('preview');
    }
  }

  /** The real run of the checked file. If rows fail now (data changed meanwhile), nothing was written. */
  async commit(): Promise<void> {
    const file = this.file();
    if (!file || !this.canCommit()) return;
    const previous = this.report();
    const report = await this.send(file, false);
    if (!report) return;
    if (report.committed) {
      this.result.set(report);
      this.step.set('done');
    } else {
      this.report.set({ ...report, preview: report.preview ?? previous?.preview });
      this.step.set('preview');
    }
  }

  reset(): void {
    if (this.busy()) return;
    this.choose(null);
  }

  private send(file: File, dryRun: boolean): Promise<ImportReport | null> {
    this.running.set(dryRun ? 'dryRun' : 'commit');
    this.failure.set(null);
    this.progress.set(0);
    this.step.set('uploading');
    return new Promise((resolve) => {
      let report: ImportReport | null = null;
      this.upload(file, dryRun).subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            const total = event.total ?? 0;
            this.progress.set(total > 0 ? Math.min(100, Math.round((event.loaded / total) * 100)) : null);
            // Every byte sent: what remains is the server reading the rows.
            if (total > 0 && event.loaded >= total) this.step.set('processing');
          } else if (event.type === HttpEventType.ResponseHeader) {
            this.step.set('processing');
          } else if (event.type === HttpEventType.Response) {
            report = event.body;
          }
        },
        error: (error: unknown) => {
          const problem = problemOf(error);
          const fileError = problem.errors?.find((e) => e.field === 'file')?.message;
          this.failure.set({
            key: `errors.${problem.code}`,
            detail: fileError ?? (problem.code === ErrorCode.ImportFileInvalid ? problem.detail : undefined),
          });
          this.running.set(null);
          this.progress.set(null);
          this.step.set(dryRun ? 'choose' : 'preview');
          resolve(null);
        },
        complete: () => {
          this.running.set(null);
          this.progress.set(null);
          resolve(report);
        },
      });
    });
  }
}

/** A preview row with the problems the import found in it, by column. */
export interface PreviewLine extends ImportPreviewRow {
  problems: Partial<Record<string, string[]>>;
  /** Problems of the row as a whole (a duplicate of an earlier row…). */
  rowProblems: string[];
}

export interface PreviewView {
  lines: PreviewLine[];
  /** Problems whose row the preview does not show (the header, a real run's report). */
  unplaced: ImportRowError[];
  /** Data rows with at least one problem. */
  rowsWithProblems: number;
}

/** Puts each error of an import report at its row and column, for a preview table. */
export function previewView(report: ImportReport): PreviewView {
  const byRow = new Map<number, ImportRowError[]>();
  for (const error of report.errors) byRow.set(error.row, [...(byRow.get(error.row) ?? []), error]);
  const shown = new Set<number>();
  const lines = (report.preview ?? []).map((row): PreviewLine => {
    shown.add(row.row);
    const problems: Partial<Record<string, string[]>> = {};
    const rowProblems: string[] = [];
    for (const error of byRow.get(row.row) ?? []) {
      if (error.field === 'row') rowProblems.push(error.message);
      else problems[error.field] = [...(problems[error.field] ?? []), error.message];
    }
    return { ...row, problems, rowProblems };
  });
  const unplaced = report.errors.filter((error) => !shown.has(error.row));
  const rowsWithProblems = new Set(report.errors.filter((e) => e.row > 1).map((e) => e.row)).size;
  return { lines, unplaced, rowsWithProblems };
}

/** The template people fill in: the columns in order, UTF-8 with a BOM so Excel keeps Thai and Chinese names. */
export function importTemplateCsv(): string {
  return `\uFEFF${TRAINEE_IMPORT_COLUMNS.join(',')}\r\n`;
}
