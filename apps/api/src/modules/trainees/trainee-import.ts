import {
  ErrorCode,
  isCountryCode,
  SUPPORTED_LOCALES,
  TRAINEE_IMPORT_COLUMNS,
  TRAINEE_IMPORT_MAX_ROWS,
  TRAINEE_IMPORT_REQUIRED_COLUMNS,
  TRAINEE_NAME_MAX_LENGTH,
  type CountryCode,
  type Locale,
  type TraineeImportColumn,
} from '@skillbridge/contracts';
import { isEmail } from 'class-validator';
import { countryCodeByName } from '../../common/i18n/country-names';
import { translate, type TranslationParams } from '../../common/i18n/translator';
import { ProblemException } from '../../common/problem/problem.exception';
import { readTable, SheetFileError, type SheetLine } from '../../common/spreadsheet/sheet-table';
import { isLatinName } from './latin-name';

/** One data row of the file, by column, with its row number as a spreadsheet shows it. */
export interface SheetRow {
  row: number;
  cells: Record<TraineeImportColumn, string>;
}

/** A row problem before it is put into the caller's language. */
export interface RowProblem {
  row: number;
  field: TraineeImportColumn | 'row';
  code: string;
  messageKey: string;
  params?: TranslationParams;
}

export interface ImportRow {
  row: number;
  fullName: string;
  fullNameLatin: string | null;
  email: string;
  nationality: CountryCode;
  institutionCode: string | null;
  preferredLocale: Locale | null;
}

function fileProblem(code: string, messageKey: string, params?: TranslationParams): ProblemException {
  return new ProblemException(400, ErrorCode.ImportFileInvalid, {
    errors: [{ field: 'file', code, messageKey, params }],
  });
}

/** `Full name`, `full_name`, `FULLNAME`, `姓名（拉丁字母）` → one key: headers as people type them. */
const squash = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.]/g, '');

/**
 * The headers of the roster export (roster-export.ts) and of the import's own
 * words, by the catalog key the import reads them from in each of the four
 * languages: a roster exported in Thai or Chinese imports as it is. A
 * nationality column may hold a name or a code; the export's code column is
 * read first (`rank`).
 */
const CATALOG_HEADERS: readonly { key: string; column: TraineeImportColumn; rank?: number }[] = [
  { key: 'roster.columns.fullName', column: 'fullName' },
  { key: 'roster.columns.fullNameLatin', column: 'fullNameLatin' },
  { key: 'roster.columns.email', column: 'email' },
  { key: 'roster.columns.nationalityCode', column: 'nationality', rank: 1 },
  { key: 'roster.columns.nationality', column: 'nationality' },
  { key: 'roster.columns.institution', column: 'institutionCode' },
  { key: 'import.columns.preferredLocale', column: 'preferredLocale' },
];

export interface HeaderMeaning {
  column: TraineeImportColumn;
  rank: number;
}

/**
 * Every header the import knows, squashed, with its meaning: our column
 * names, what people type in English, and the catalogs' words in the four
 * languages. (A unit test holds that no header means two columns.)
 */
export const KNOWN_HEADERS: readonly (readonly [string, HeaderMeaning])[] = [
  ...TRAINEE_IMPORT_COLUMNS.map((column) => [squash(column), { column, rank: 0 }] as const),
  ...(
    [
      ['name', 'fullName'],
      ['latinname', 'fullNameLatin'],
      ['namelatin', 'fullNameLatin'],
      ['mail', 'email'],
      ['emailaddress', 'email'],
      ['country', 'nationality'],
      ['institution', 'institutionCode'],
      ['locale', 'preferredLocale'],
      ['language', 'preferredLocale'],
    ] as const
  ).map(([header, column]) => [header, { column, rank: 0 }] as const),
  ...SUPPORTED_LOCALES.flatMap((locale) =>
    CATALOG_HEADERS.map(
      ({ key, column, rank }) => [squash(translate(locale, key)), { column, rank: rank ?? 0 }] as const,
    ),
  ),
];
const HEADER_MEANINGS = new Map<string, HeaderMeaning>(KNOWN_HEADERS);

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * The rows of a sheet (sheet-table.ts reads the file, in a worker thread) by
 * column: the first non-blank line is the header, in any of the languages the
 * import knows. A sheet that lacks a required column or has no rows or too
 * many is a 400 naming `file`; problems of single rows are left to checkRow().
 */
export function sheetRows(lines: readonly SheetLine[]): SheetRow[] {
  const headerIndex = lines.findIndex((line) => !isBlank(line.cells));
  if (headerIndex < 0) throw fileProblem('EMPTY_FILE', 'import.emptyFile');
  // Columns the import does not know (a roster's status and dates…) are left alone.
  const header = lines[headerIndex].cells
    .map((cell, index) => ({ index, meaning: HEADER_MEANINGS.get(squash(cell)) }))
    .filter((h): h is { index: number; meaning: HeaderMeaning } => h.meaning !== undefined)
    .sort((a, b) => b.meaning.rank - a.meaning.rank || a.index - b.index);
  const missing = TRAINEE_IMPORT_REQUIRED_COLUMNS.filter((column) => !header.some((h) => h.meaning.column === column));
  if (missing.length) throw fileProblem('MISSING_COLUMNS', 'import.missingColumns', { columns: missing.join(', ') });

  const rows: SheetRow[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (isBlank(line.cells)) continue;
    const cells = Object.fromEntries(TRAINEE_IMPORT_COLUMNS.map((column) => [column, ''])) as SheetRow['cells'];
    for (const { index, meaning } of header) {
      if (!cells[meaning.column]) cells[meaning.column] = (line.cells[index] ?? '').normalize('NFC').trim();
    }
    rows.push({ row: line.row, cells });
  }
  if (rows.length === 0) throw fileProblem('NO_ROWS', 'import.noRows');
  if (rows.length > TRAINEE_IMPORT_MAX_ROWS) {
    throw fileProblem('TOO_MANY_ROWS', 'import.tooManyRows', { max: TRAINEE_IMPORT_MAX_ROWS });
  }
  return rows;
}

/** readTable() and sheetRows() in this thread (the unit tests' way; the API reads files in a worker). */
export async function readSheet(bytes: Uint8Array): Promise<SheetRow[]> {
  try {
    return sheetRows((await readTable(bytes, { maxRows: TRAINEE_IMPORT_MAX_ROWS })).lines);
  } catch (error) {
    if (error instanceof SheetFileError) throw fileProblem(error.code, error.messageKey, error.params);
    throw error;
  }
}

/** Checks one row on its own (the database checks come later); a row with problems has no value. */
export function checkRow({ row, cells }: SheetRow): { value?: ImportRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const add = (field: TraineeImportColumn, code: string, messageKey: string, params?: TranslationParams) =>
    problems.push({ row, field, code, messageKey, params });

  if (!cells.fullName) add('fullName', 'IS_NOT_EMPTY', 'validation.isNotEmpty');
  else if (cells.fullName.length > TRAINEE_NAME_MAX_LENGTH) {
    add('fullName', 'MAX_LENGTH', 'validation.maxLength', { max: TRAINEE_NAME_MAX_LENGTH });
  }
  if (cells.fullNameLatin.length > TRAINEE_NAME_MAX_LENGTH) {
    add('fullNameLatin', 'MAX_LENGTH', 'validation.maxLength', { max: TRAINEE_NAME_MAX_LENGTH });
  } else if (!isLatinName(cells.fullNameLatin)) add('fullNameLatin', 'IS_LATIN_NAME', 'validation.isLatinName');
  const email = cells.email.toLowerCase();
  if (!email) add('email', 'IS_NOT_EMPTY', 'validation.isNotEmpty');
  else if (email.length > 254 || !isEmail(email)) add('email', 'IS_EMAIL', 'validation.isEmail');
  // A code (`th`, `TH`), or a country's name in one of the four languages, as a roster without its code column has.
  const nationality = isCountryCode(cells.nationality.toUpperCase())
    ? cells.nationality.toUpperCase()
    : (countryCodeByName(cells.nationality) ?? cells.nationality.toUpperCase());
  if (!nationality) add('nationality', 'IS_NOT_EMPTY', 'validation.isNotEmpty');
  else if (!isCountryCode(nationality)) add('nationality', 'IS_COUNTRY_CODE', 'validation.isCountryCode');
  const locale = cells.preferredLocale.toLowerCase();
  if (locale && !(SUPPORTED_LOCALES as readonly string[]).includes(locale)) {
    add('preferredLocale', 'IS_IN', 'validation.isIn', { values: SUPPORTED_LOCALES.join(', ') });
  }
  if (problems.length) return { problems };
  return {
    problems,
    value: {
      row,
      fullName: cells.fullName,
      fullNameLatin: cells.fullNameLatin || null,
      email,
      nationality: nationality as CountryCode,
      institutionCode: cells.institutionCode ? cells.institutionCode.toUpperCase() : null,
      preferredLocale: (locale || null) as Locale | null,
    },
  };
}
