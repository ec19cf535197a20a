import { stream as excelStream, Workbook } from 'exceljs';
import { PassThrough } from 'node:stream';
import { SheetFileError } from './sheet-file-error';
import { CSV_MAX_RECORD_CHARS, readTable, type SheetLine } from './sheet-table';
import { SHEET_HEAD, sheetRow, workbookOf } from './testing/hostile-files';

/** The first sheet as exceljs's full (in-memory) reader shows it: what readTable returned before it streamed. */
async function fullReader(bytes: Buffer): Promise<SheetLine[]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: SheetLine[] = [];
  workbook.worksheets[0].eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(row.getCell(column).text ?? '');
    lines.push({ row: rowNumber, cells });
  });
  return lines;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'read';
  } catch (error) {
    if (error instanceof SheetFileError) return error.code;
    throw error;
  }
}

function fill(workbook: Workbook, richText = true) {
  // A sheet before the first in the ZIP's order but second in the workbook's: the workbook's first is read.
  const sheet = workbook.addWorksheet('Trainees');
  workbook.addWorksheet('Notes').addRow(['not this one']);
  sheet.addRow(['name', 'born', 'count', 'formula', 'date formula', 'rich', 'flag']);
  sheet.addRow([]);
  const long = '王小明的名字很长'.repeat(5000);
  for (let i = 0; i < 300; i++) {
    const row = sheet.addRow([
      i === 7 ? long : `สมชาย ใจดี ${i}`,
      new Date(Date.UTC(1990, 0, 1 + i)),
      i * 1.5,
      { formula: `C${i + 3}*2`, result: i * 3 },
      { formula: 'TODAY()', result: new Date(Date.UTC(2026, 11, 7)) },
      richText ? { richText: [{ text: 'Siti ', font: { bold: true } }, { text: 'Nurhaliza' }] } : 'Siti Nurhaliza',
      i % 2 === 0,
    ]);
    row.getCell(2).numFmt = 'yyyy-mm-dd';
    row.getCell(5).numFmt = 'dd/mm/yyyy';
  }
}

describe('readTable, streaming an XLSX', () => {
  it('reads what the full reader reads: dates, numbers, formulas’ results, rich text, long CJK text', async () => {
    const workbook = new Workbook();
    fill(workbook);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const table = await readTable(bytes);
    expect(table.format).toBe('xlsx');
    expect(table.lines).toEqual(await fullReader(bytes));
    expect(table.lines[2].cells.slice(1, 6)).toEqual([
      expect.stringMatching(/^Tue Jan 02 1990/),
      '1.5',
      '3',
      expect.stringMatching(/Dec 07 2026/),
      'Siti Nurhaliza',
    ]);
  });

  // Rich text in an inline string (which Excel never writes; nor do our exports) reads as its last run only: a
  // limit of exceljs's streaming reader, left as it is.
  it('reads a streamed export (inline strings, no shared strings) as the full reader does', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    fill(workbook as unknown as Workbook, false);
    await workbook.commit();
    const bytes = Buffer.concat(chunks);
    expect((await readTable(bytes)).lines).toEqual(await fullReader(bytes));
  });

  it('stops at the row cap: rows past it are never read (here they are not even XML)', async () => {
    // The XML is parsed a chunk at a time: the garbage starts well past the first chunks.
    const rows = Array.from({ length: 20_000 }, (_, i) => sheetRow(i + 1, [`name ${i}`, `n${i}@example.com`]));
    const garbage = '<row r="20001"><c r="A20001"><<<< not xml &&&& '.repeat(1000);
    const bytes = await workbookOf(SHEET_HEAD + rows.join('') + garbage);
    expect(await code(readTable(bytes, { maxRows: 10 }))).toBe('TOO_MANY_ROWS');
    // The same file without a cap is read into the garbage, and refused for it.
    expect(await code(readTable(bytes))).toBe('XLSX_UNREADABLE');
  });
});

describe('readTable, streaming CSV', () => {
  it('stops at the row cap: a syntax error past it is never reached', async () => {
    // The text is parsed a chunk at a time: the error is well past the first chunks.
    const rows = Array.from({ length: 20_000 }, (_, i) => `n${i},n${i}@example.com`);
    const text = ['name,email', ...rows, '"unclosed'].join('\n');
    expect(await code(readTable(Buffer.from(text), { maxRows: 10 }))).toBe('TOO_MANY_ROWS');
    expect(await code(readTable(Buffer.from(text), { maxRows: 30_000 }))).toBe('CSV_SYNTAX');
  });

  it(`refuses a line (or quoted cell) longer than ${CSV_MAX_RECORD_CHARS} characters`, async () => {
    const cell = 'x'.repeat(CSV_MAX_RECORD_CHARS + 1);
    expect(await code(readTable(Buffer.from(`name,email\nan,"${cell}"\n`)))).toBe('CSV_RECORD_TOO_LARGE');
    expect(await code(readTable(Buffer.from(`name,email\n${cell}\n`)))).toBe('CSV_RECORD_TOO_LARGE');
    const near = 'x'.repeat(CSV_MAX_RECORD_CHARS - 100);
    expect((await readTable(Buffer.from(`name,email\nan,${near}\n`))).lines[1].cells[1]).toBe(near);
  });

  it('reads multi-line quoted cells and CRLF across its chunks', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `"王 ${i}\r\nline two","a,b ${i}"`);
    const table = await readTable(Buffer.from(['name,note', ...lines].join('\r\n')));
    expect(table.lines).toHaveLength(5001);
    expect(table.lines[4321]).toEqual({ row: 4322, cells: ['王 4320\r\nline two', 'a,b 4320'] });
  });
});
