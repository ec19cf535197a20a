import { parse } from 'csv-parse';
import type { Cell, Row } from 'exceljs';
import { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { unneutralizeCsvText } from './sheet-cells';
import { SheetFileError } from './sheet-file-error';
import { decodeText, type TextEncoding } from './text-encoding';
import { inflatedStream, openCheckedZip } from './xlsx-zip';

// exceljs's streaming reader, driven part by part (see xlsxTable): its parts are CommonJS modules without typings.
const WorkbookReader = require('exceljs/lib/stream/xlsx/workbook-reader') as new (
  input: unknown,
  options: Record<string, string>,
) => StreamingWorkbook;
const WorksheetReader = require('exceljs/lib/stream/xlsx/worksheet-reader') as new (args: {
  workbook: StreamingWorkbook;
  id: number;
  iterator: AsyncIterable<unknown>;
  options: Record<string, string>;
}) => AsyncIterable<Row>;
const iterateStream = require('exceljs/lib/utils/iterate-stream') as (stream: Readable) => AsyncIterable<unknown>;
const excelUtils = require('exceljs/lib/utils/utils') as {
  isDateFmt(format: string | undefined): boolean;
  excelToDate(value: number, date1904?: boolean): Date;
};

interface StreamingWorkbook {
  options: Record<string, string>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncIterable<unknown>;
}

export { SheetFileError };

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

/** Longest CSV line (or quoted field) read, in characters: a real one is well under 10,000. */
export const CSV_MAX_RECORD_CHARS = 100_000;

/** Characters handed to the CSV parser at a time (the whole text is decoded first: decoding needs to see it all). */
const CSV_CHUNK_CHARS = 64 * 1024;

const isBlank = (line: SheetLine) => line.cells.every((cell) => cell.trim() === '');

/**
 * Collects a sheet's lines, refusing the file as soon as it has more non-blank data rows than the caller takes:
 * rows past the cap are never read.
 */
class LineCollector {
  readonly lines: SheetLine[] = [];
  private filled = 0;

  constructor(private readonly maxRows: number | undefined) {}

  add(line: SheetLine): void {
    this.lines.push(line);
    if (isBlank(line)) return;
    this.filled += 1;
    // The first non-blank line is the header.
    if (this.maxRows !== undefined && this.filled - 1 > this.maxRows) {
      throw new SheetFileError('TOO_MANY_ROWS', 'import.tooManyRows', { max: this.maxRows });
    }
  }
}

/**
 * The table of a text file: comma, semicolon or tab separated (the separator its first line uses most — or, when
 * the first line has none, as a Teams attendance report's `1. Summary` title, the first 20 lines), quoted fields,
 * CRLF or LF. Parsed as a stream, a chunk at a time, stopping at the row cap.
 */
async function textTable(text: string, collector: LineCollector): Promise<void> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separators = [',', ';', '\t'];
  const sample = separators.some((s) => firstLine.includes(s)) ? firstLine : text.split(/\r?\n/, 20).join('\n');
  const delimiter = separators.reduce((best, candidate) =>
    sample.split(candidate).length > sample.split(best).length ? candidate : best,
  );
  const source = Readable.from(
    (function* () {
      for (let at = 0; at < text.length; at += CSV_CHUNK_CHARS) yield text.slice(at, at + CSV_CHUNK_CHARS);
    })(),
    { objectMode: false },
  );
  const parser = source.pipe(
    parse({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      max_record_size: CSV_MAX_RECORD_CHARS,
    }),
  );
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      // csv-parse's max_record_size misses a record's first field (6.1.0): counted here too.
      if (cells.reduce((length, cell) => length + cell.length, 0) > CSV_MAX_RECORD_CHARS) {
        throw new SheetFileError('CSV_RECORD_TOO_LARGE', 'import.csvRecordTooLarge', {
          line: row,
          max: CSV_MAX_RECORD_CHARS,
        });
      }
      // Our CSV exports put an apostrophe before text a spreadsheet would run as a formula; it is not part of the value.
      collector.add({ row, cells: cells.map(unneutralizeCsvText) });
    }
  } catch (error) {
    if (error instanceof SheetFileError) throw error;
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new SheetFileError('CSV_RECORD_TOO_LARGE', 'import.csvRecordTooLarge', {
        line: lines ?? row + 1,
        max: CSV_MAX_RECORD_CHARS,
      });
    }
    throw new SheetFileError('CSV_SYNTAX', 'import.csvSyntax', { line: lines ?? '?' });
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** A part of the workbook, inflated as a stream of text (UTF-8 decoded across chunk boundaries). */
async function partText(zip: ZipFile, entry: Entry): Promise<Readable> {
  const stream = await inflatedStream(zip, entry);
  // exceljs decodes each chunk on its own, which garbles a character split between two chunks: hand it text.
  stream.setEncoding('utf8');
  return stream;
}

/** Where a workbook relationship's target is in the ZIP (targets are relative to xl/, or absolute). */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);

/**
 * The first worksheet of an XLSX workbook, cell text as Excel shows it — as exceljs's full reader shows it (its
 * Row and Cell), read with its streaming one: the ZIP's directory is checked first (xlsx-zip.ts), then the parts
 * are inflated one at a time in the order that needs no buffering (relationships, workbook, styles, shared strings,
 * then the sheet, a row at a time), whatever order the ZIP stores them in.
 */
async function xlsxTable(bytes: Uint8Array, collector: LineCollector): Promise<void> {
  const { zip, entries } = await openCheckedZip(bytes);
  const opened: Readable[] = [];
  const part = async (path: string) => {
    const entry = entries.get(path);
    if (!entry) return undefined;
    const stream = await partText(zip, entry);
    opened.push(stream);
    return stream;
  };
  try {
    const reader = new WorkbookReader(undefined, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    });
    const rels = await part('xl/_rels/workbook.xml.rels');
    const book = await part('xl/workbook.xml');
    if (!rels || !book) throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const first = reader.model?.sheets?.[0];
    const target = first && reader.workbookRels?.find((rel) => rel.Id === first.rId)?.Target;
    if (!target) throw new SheetFileError('EMPTY_FILE', 'import.emptyFile');
    if (!entries.has(partPath(target))) throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
    const styles = await part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const sharedStrings = await part('xl/sharedStrings.xml');
    if (sharedStrings) {
      for await (const _ of reader._parseSharedStrings(sharedStrings)) {
        // Cached on the reader ('cache'): nothing is emitted.
      }
    }
    // Opened last: nothing of it is inflated before the shared strings it refers to are read.
    const sheet = await part(partPath(target));
    if (!sheet) throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
    const date1904 = reader.properties?.model?.date1904;
    const worksheet = new WorksheetReader({
      workbook: reader,
      id: 1,
      iterator: iterateStream(sheet),
      options: reader.options,
    });
    for await (const row of worksheet) {
      // As the full reader's eachRow({ includeEmpty: false }).
      if (!row.hasValues) continue;
      const cells: string[] = [];
      for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column), date1904));
      collector.add({ row: row.number, cells });
    }
  } catch (error) {
    if (error instanceof SheetFileError) throw error;
    throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
  } finally {
    for (const stream of opened) stream.destroy();
    zip.close();
  }
}

/** A cell's text; a formula's result in a date format is a date, as the full reader makes it (the streaming one does not). */
function cellText(cell: Cell, date1904: boolean | undefined): string {
  const value = cell.value as { formula?: string; result?: unknown } | null;
  if (value && typeof value === 'object' && 'formula' in value && typeof value.result === 'number') {
    if (excelUtils.isDateFmt(cell.numFmt)) {
      cell.value = { ...value, result: excelUtils.excelToDate(value.result, date1904) } as Cell['value'];
    }
  }
  return cell.text ?? '';
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);

export interface ReadTableOptions {
  /** Most data rows (non-blank lines after the first) the caller takes: more is refused while reading, before the rest is read. */
  maxRows?: number;
}

/**
 * Reads an uploaded spreadsheet — XLSX, or text: CSV or Excel's "Unicode
 * text", in any encoding decodeText() recognises — told apart by content,
 * not by name. Heavy for big files (decoding, parsing, unzipping): the API
 * runs it in a worker thread (sheet-read.pool.ts).
 */
export async function readTable(bytes: Uint8Array, { maxRows }: ReadTableOptions = {}): Promise<SheetTable> {
  if (bytes.length === 0) throw new SheetFileError('EMPTY_FILE', 'import.emptyFile');
  if (startsWith(bytes, OLE)) throw new SheetFileError('XLS_NOT_SUPPORTED', 'import.xlsNotSupported');
  const collector = new LineCollector(maxRows);
  if (startsWith(bytes, ZIP)) {
    await xlsxTable(bytes, collector);
    return { lines: collector.lines, format: 'xlsx' };
  }
  const decoded = decodeText(bytes);
  if (!decoded) throw new SheetFileError('UNKNOWN_ENCODING', 'import.unknownEncoding');
  await textTable(decoded.text, collector);
  return { lines: collector.lines, format: 'csv', encoding: decoded.encoding };
}
