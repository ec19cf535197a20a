import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/*
 * Hostile uploads made in the test that uses them (no binary fixtures): workbooks that unpack to hundreds of
 * megabytes, ZIPs whose directory lies, sheets whose rows past the cap are not even XML.
 */

export interface ZipPart {
  name: string;
  data: Buffer | string | (() => Iterable<Buffer>);
}

/** A ZIP of these parts, deflated (a generator's bytes are streamed: a 300 MB part is never held in memory). */
export async function zipOf(parts: ZipPart[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const { name, data } of parts) {
    if (typeof data === 'function') zip.addReadStream(Readable.from(data(), { objectMode: false }), name);
    else zip.addBuffer(Buffer.from(data), name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** An inline-string row of a sheet's XML (at most 26 cells: columns A to Z). */
export function sheetRow(row: number, cells: string[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const ref = (column: number) => `${String.fromCharCode(65 + column)}${row}`;
  return `<row r="${row}">${cells
    .map((text, column) => `<c r="${ref(column)}" t="inlineStr"><is><t>${escape(text)}</t></is></c>`)
    .join('')}</row>`;
}

/** A minimal workbook (the parts a reader needs) around this first sheet's XML. */
export function workbookOf(sheet: ZipPart['data'], extra: ZipPart[] = []): Promise<Buffer> {
  return zipOf([
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: RELS },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ...extra,
  ]);
}

/** `megabytes` MiB of one byte repeated (deflates ~1000×), a MiB at a time. */
export function* repeatedBytes(megabytes: number, byte = 0x20): Iterable<Buffer> {
  const block = Buffer.alloc(1024 * 1024, byte);
  for (let i = 0; i < megabytes; i++) yield block;
}

/** A zip bomb: a sheet whose XML is `megabytes` MiB, nearly all of it blanks, deflated to ~1/1000 of that. */
export function zipBombWorkbook(megabytes: number): Promise<Buffer> {
  return workbookOf(function* () {
    yield Buffer.from(SHEET_HEAD + sheetRow(1, ['name', 'email']));
    yield* repeatedBytes(megabytes);
    yield Buffer.from(SHEET_TAIL);
  });
}

/**
 * The same ZIP with its directory (and local headers) declaring every part `declared` bytes unpacked: a reader
 * trusting the directory would inflate far more than it checked.
 */
export function lyingSizes(zip: Buffer, declared = 1000): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('not a central directory header');
    out.writeUInt32LE(declared, at + 24);
    const local = out.readUInt32LE(at + 42);
    // yazl writes the sizes of streamed parts after the data (bit 3), zero in the local header: leave those.
    if (out.readUInt32LE(local + 22) !== 0) out.writeUInt32LE(declared, local + 22);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/**
 * A workbook that passes every ZIP check (it packs ~8×, as real ones do) but whose shared strings — `count` distinct
 * ones, kept in memory by any reader, since the sheet may use any of them — need far more heap than its size says:
 * 2,000,000 of them is a 5 MB file whose reading needs well over 100 MB.
 */
export function manySharedStringsWorkbook(count: number): Promise<Buffer> {
  return workbookOf(SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL, [
    {
      name: 'xl/sharedStrings.xml',
      data: function* () {
        yield Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
        for (let from = 0; from < count; from += 10_000) {
          const to = Math.min(count, from + 10_000);
          yield Buffer.from(Array.from({ length: to - from }, (_, i) => `<si><t>${from + i}</t></si>`).join(''));
        }
        yield Buffer.from('</sst>');
      },
    },
  ]);
}
