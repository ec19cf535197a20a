import { zonedParts, type Locale } from '@skillbridge/contracts';
import type { Cell, Row } from 'exceljs';

/**
 * What an export puts in a cell. Text and numbers as they are; times as real
 * date cells (a serial date with a number format), never as text a
 * spreadsheet cannot sort or reckon with:
 * - `instant`: a point in time, shown as the wall-clock time in `timeZone`
 *   (the program's; the column header names it);
 * - `date`: a calendar date `YYYY-MM-DD` (a program's dates: no zone involved);
 * - `month`: a calendar month `YYYY-MM`.
 */
export type SheetValue =
  | string
  | number
  | null
  | undefined
  | { instant: string | Date; timeZone: string }
  | { date: string }
  | { month: string };

export interface SheetFormats {
  dateTime: string;
  date: string;
  month: string;
}

/**
 * Excel's locale prefix for Thai (LCID 041E) with the Thai Buddhist calendar
 * (calendar type 07): 2024-09-03 shows as 03/09/2567. Excel and LibreOffice
 * both read this form (LibreOffice turns it into its `[~buddhist]` modifier);
 * the newer `[$-th-TH,107]` spelling is Excel's alone.
 */
const THAI_BUDDHIST = '[$-107041E]';

/**
 * Number formats by the caller's language: ISO order for English and Chinese
 * (as Chinese offices write dates), day/month/year for Malay, and the
 * Buddhist era for Thai, as Thai offices and Thai Excel write it. The serial
 * date beneath is the same: anyone can pick another format.
 */
export const SHEET_FORMATS: Readonly<Record<Locale, SheetFormats>> = {
  en: { dateTime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd', month: 'yyyy-mm' },
  zh: { dateTime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd', month: 'yyyy-mm' },
  ms: { dateTime: 'dd/mm/yyyy hh:mm', date: 'dd/mm/yyyy', month: 'mm/yyyy' },
  th: {
    dateTime: `${THAI_BUDDHIST}dd/mm/yyyy hh:mm`,
    date: `${THAI_BUDDHIST}dd/mm/yyyy`,
    month: `${THAI_BUDDHIST}mm/yyyy`,
  },
};

/** The number format that makes a cell text: what is typed into it again stays text. */
export const TEXT_FORMAT = '@';

/**
 * Text a spreadsheet would run as a formula when it reads CSV, or when
 * someone edits the cell (`=HYPERLINK(…)`, `+1…`, `-2+3`, `@SUM`, or behind a
 * tab or carriage return: OWASP "CSV injection").
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

/** CSV has no cell types: such text gets a leading apostrophe, which Excel reads as "this is text". */
export function neutralizeCsvText(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** Undoes neutralizeCsvText() for a cell read back from CSV (and only where it would have applied). */
export function unneutralizeCsvText(value: string): string {
  return value.startsWith("'") && looksLikeFormula(value.slice(1)) ? value.slice(1) : value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The Date an XLSX writer turns into this wall-clock time: Excel's serial
 * dates have no zone, and exceljs counts them from the Date's UTC fields.
 */
export function wallClock(instant: string | Date, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

function calendar(value: string, pattern: RegExp): Date {
  const match = pattern.exec(value);
  if (!match) throw new Error(`not a calendar value: ${value}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1)));
}

/** Writes one value into an XLSX cell: a date cell with the language's format, a text cell, or a number. */
export function setSheetCell(cell: Cell, value: SheetValue, locale: Locale): void {
  if (value === null || value === undefined || value === '') {
    cell.value = null;
  } else if (typeof value === 'number') {
    cell.value = value;
  } else if (typeof value === 'string') {
    cell.value = value;
    // A string is a text cell already: it is shown as is, with no apostrophe. The text format keeps it
    // text when someone edits the cell, where Excel would otherwise start running it.
    if (looksLikeFormula(value)) cell.numFmt = TEXT_FORMAT;
  } else if ('instant' in value) {
    cell.value = wallClock(value.instant, value.timeZone);
    cell.numFmt = SHEET_FORMATS[locale].dateTime;
  } else if ('date' in value) {
    cell.value = calendar(value.date, ISO_DATE);
    cell.numFmt = SHEET_FORMATS[locale].date;
  } else {
    cell.value = calendar(value.month, ISO_MONTH);
    cell.numFmt = SHEET_FORMATS[locale].month;
  }
}

/** Adds a row of values to a worksheet (a whole workbook's or a streaming writer's) through setSheetCell(). */
export function addSheetRow(
  sheet: { addRow(values: unknown[]): Row },
  values: readonly SheetValue[],
  locale: Locale,
): Row {
  const row = sheet.addRow([]);
  values.forEach((value, index) => setSheetCell(row.getCell(index + 1), value, locale));
  return row;
}

/** The header row: bold, text as it is. */
export function addHeaderRow(sheet: { addRow(values: unknown[]): Row }, headers: readonly string[]): Row {
  const row = sheet.addRow([...headers]);
  row.font = { bold: true };
  return row;
}

/**
 * The same value as CSV text: times as `YYYY-MM-DD HH:mm` in the zone (what
 * Excel and LibreOffice recognise as a date when they open the file), dates
 * as `YYYY-MM-DD`, text neutralized.
 */
export function csvCell(value: SheetValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return neutralizeCsvText(value);
  if ('instant' in value) {
    const p = zonedParts(value.instant, value.timeZone);
    return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
  }
  return 'date' in value ? value.date : value.month;
}
