import type { CountryCode } from './countries';
import type { Locale } from './locales';

export const TRAINEE_NAME_MAX_LENGTH = 200;
/** Largest spreadsheet `POST /trainees/import` accepts, in bytes and in data rows. */
export const TRAINEE_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const TRAINEE_IMPORT_MAX_ROWS = 20_000;
/** Columns of an import file, in the order of the template; the last two are optional. */
export const TRAINEE_IMPORT_COLUMNS = [
  'fullName',
  'fullNameLatin',
  'email',
  'nationality',
  'institutionCode',
  'preferredLocale',
] as const;
export type TraineeImportColumn = (typeof TRAINEE_IMPORT_COLUMNS)[number];
export const TRAINEE_IMPORT_REQUIRED_COLUMNS: readonly TraineeImportColumn[] = ['fullName', 'email', 'nationality'];

export interface Trainee {
  id: string;
  userId?: string;
  /** The name in the person's own script (ชื่อ, 姓名, မြန်မာ…). */
  fullName: string;
  /** The same name in Latin letters, as in a passport. */
  fullNameLatin?: string;
  email: string;
  nationality: CountryCode;
  institutionId?: string;
  preferredLocale: Locale;
  createdAt: string;
  updatedAt: string;
}

export interface CreateTraineeRequest {
  fullName: string;
  fullNameLatin?: string;
  email: string;
  nationality: CountryCode;
  /** Admins choose (a partner institution, or none); a partner's trainees always join its own. */
  institutionId?: string;
  preferredLocale?: Locale;
}

export type UpdateTraineeRequest = {
  [K in keyof CreateTraineeRequest]?:
    CreateTraineeRequest[K] | (undefined extends CreateTraineeRequest[K] ? null : never);
};

export interface TraineeListQuery {
  institutionId?: string;
  nationality?: CountryCode;
  /** Part of the name in either script, or of the e-mail. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** One problem of an import, where a person would look for it: row 1 is the header. */
export interface ImportRowError {
  row: number;
  field: TraineeImportColumn | 'row';
  code: string;
  message: string;
}

export type ImportRowAction = 'create' | 'update' | 'error';

/** One data row as the import read it, for the dry-run preview. */
export interface ImportPreviewRow {
  row: number;
  action: ImportRowAction;
  fullName: string;
  fullNameLatin: string;
  email: string;
  nationality: string;
  institutionCode: string;
  preferredLocale: string;
}

export interface ImportReport {
  dryRun: boolean;
  /** True when the rows were written (a real run without errors). */
  committed: boolean;
  rows: number;
  /** Trainees added: by a dry run, those it would add; by a real run, those it added (0 when it wrote nothing). */
  created: number;
  /** Trainees changed, counted as `created` is. */
  updated: number;
  errors: ImportRowError[];
  /** Every data row with what would happen to it: dry runs, and real runs that wrote nothing because of errors. */
  preview?: ImportPreviewRow[];
  /** The character encoding a text file (CSV, "Unicode text") was read in; absent for XLSX. */
  encoding?: ImportTextEncoding;
}

/** The encodings the import reads text files in (it detects which). */
export const IMPORT_TEXT_ENCODINGS = [
  'UTF-8',
  'UTF-16LE',
  'UTF-16BE',
  'GBK',
  'GB18030',
  'Big5',
  'windows-874',
] as const;
export type ImportTextEncoding = (typeof IMPORT_TEXT_ENCODINGS)[number];
