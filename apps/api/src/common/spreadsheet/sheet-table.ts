import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import type { TranslationParams } from '../i18n/translator';
import { unneutralizeCsvText } from './sheet-cells';
import { decodeText, type TextEncoding } from './text-encoding';

/** One line of a sheet, numbered as a spreadsheet shows it (the first line is row 1). */
export interface SheetLine {
  row: number;
  cells: string[];
}

export interface SheetTable {
  lines: SheetLine[];
  format: 'csv' | 'xlsx';
  /** The character encoding a text file was read in (XLSX is always Unicode and has none). */
  encoding?: TextEncoding;
}

/**
 * A file that cannot be read as a table, with the catalog key of what to say
 * about it (the caller puts it into a problem naming `file`). A plain object's
 * worth of data, so it crosses from a worker thread intact.
 */
export class SheetFileError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly params?: TranslationParams,
  ) {
    super(code);
    this.name = 'SheetFileError';
  }
}

/**
 * The table of a text file: comma, semicolon or tab separated (the separator its first line uses most — or, when
 * the first line has none, as a Teams attendance report's `1. Summary` title, the first 20 lines), quoted fields,
 * CRLF or LF.
 */
function textTable(text: string): SheetLine[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separators = [',', ';', '\t'];
  const sample = separators.some((s) => firstLine.includes(s)) ? firstLine : text.split(/\r?\n/, 20).join('\n');
  const delimiter = separators.reduce((best, candidate) =>
    sample.split(candidate).length > sample.split(best).length ? candidate : best,
  );
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new SheetFileError('CSV_SYNTAX', 'import.csvSyntax', { line: line ?? '?' });
  }
  // Our CSV exports put an apostrophe before text a spreadsheet would run as a formula; it is not part of the value.
  return records.map((cells, index) => ({ row: index + 1, cells: cells.map(unneutralizeCsvText) }));
}

/** The first worksheet of an XLSX workbook, cell text as Excel shows it. */
async function xlsxTable(bytes: Uint8Array): Promise<SheetLine[]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetFileError('EMPTY_FILE', 'import.emptyFile');
  const lines: SheetLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(row.getCell(column).text ?? '');
    lines.push({ row: rowNumber, cells });
  });
  return lines;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);

export interface ReadTableOptions {
  /** Most data rows (non-blank lines after the first) the caller takes: more is refused here, before the table is sent anywhere. */
  maxRows?: number;
}

const isBlank = (line: SheetLine) => line.cells.every((cell) => cell.trim() === '');

/**
 * Reads an uploaded spreadsheet — XLSX, or text: CSV or Excel's "Unicode
 * text", in any encoding decodeText() recognises — told apart by content,
 * not by name. Heavy for big files (decoding, parsing, unzipping): the API
 * runs it in a worker thread (sheet-read.pool.ts).
 */
export async function readTable(bytes: Uint8Array, { maxRows }: ReadTableOptions = {}): Promise<SheetTable> {
  if (bytes.length === 0) throw new SheetFileError('EMPTY_FILE', 'import.emptyFile');
  if (startsWith(bytes, OLE)) throw new SheetFileError('XLS_NOT_SUPPORTED', 'import.xlsNotSupported');
  let table: SheetTable;
  if (startsWith(bytes, ZIP)) table = { lines: await xlsxTable(bytes), format: 'xlsx' };
  else {
    const decoded = decodeText(bytes);
    if (!decoded) throw new SheetFileError('UNKNOWN_ENCODING', 'import.unknownEncoding');
    table = { lines: textTable(decoded.text), format: 'csv', encoding: decoded.encoding };
  }
  if (maxRows !== undefined && table.lines.filter((line) => !isBlank(line)).length - 1 > maxRows) {
    throw new SheetFileError('TOO_MANY_ROWS', 'import.tooManyRows', { max: maxRows });
  }
  return table;
}
