import { Workbook } from 'exceljs';
import { SheetFileError } from './sheet-file-error';
import { readTable } from './sheet-table';
import {
  lyingSizes,
  repeatedBytes,
  SHEET_HEAD,
  SHEET_TAIL,
  sheetRow,
  workbookOf,
  zipBombWorkbook,
  zipOf,
} from './testing/hostile-files';
import { checkEntry, inflatedStream, openCheckedZip, XLSX_BOUNDS } from './xlsx-zip';

const MiB = 1024 * 1024;
// Making the hostile files deflates hundreds of megabytes: about 2 s alone, past jest's 5 s when the machine is busy
// (npm test runs this beside the API's end-to-end suites; CI once timed out here). Time is not what is tested here.
jest.setTimeout(60_000);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SheetFileError) return error.code;
    throw error;
  }
  return 'read';
}

describe('the XLSX ZIP directory check', () => {
  describe('checkEntry (declared sizes)', () => {
    const code = (uncompressedSize: number, compressedSize: number) => {
      try {
        checkEntry({ uncompressedSize, compressedSize });
        return 'ok';
      } catch (error) {
        return (error as SheetFileError).code;
      }
    };

    it('accepts what real workbooks unpack to: 150 MB of sheet at 15×, small parts of any ratio', () => {
      expect(code(150 * MiB, 10 * MiB)).toBe('ok');
      expect(code(40 * MiB, MiB)).toBe('ok');
      expect(code(500 * 1024, 1)).toBe('ok');
    });

    it('refuses a part over the bound unpacked, and a large part compressed more than the ratio', () => {
      expect(code(XLSX_BOUNDS.maxPartBytes + 1, XLSX_BOUNDS.maxPartBytes)).toBe('XLSX_TOO_LARGE_UNPACKED');
      expect(code(200 * MiB, 200 * 1024)).toBe('XLSX_SUSPICIOUS_COMPRESSION');
      expect(code(2 * MiB, 0)).toBe('XLSX_SUSPICIOUS_COMPRESSION');
    });
  });

  it('passes a 12,000-row workbook written by exceljs, and reads all of it', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Trainees');
    sheet.addRow(['name', 'email', 'nationality']);
    for (let i = 0; i < 12_000; i++) sheet.addRow([`王小明 ${i}`, `wang${i}@example.com`, i % 2 ? 'CN' : 'TH']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { zip, entries } = await openCheckedZip(bytes);
    zip.close();
    expect(entries.has('xl/worksheets/sheet1.xml')).toBe(true);
    const table = await readTable(bytes);
    expect(table.lines).toHaveLength(12_001);
    expect(table.lines[12_000]).toEqual({ row: 12_001, cells: ['王小明 11999', 'wang11999@example.com', 'CN'] });
  });

  it('refuses a zip bomb from its directory, before inflating anything', async () => {
    const bomb = await zipBombWorkbook(200);
    expect(bomb.length).toBeLessThan(2 * MiB);
    expect(await refusal(openCheckedZip(bomb))).toBe('XLSX_SUSPICIOUS_COMPRESSION');
    expect(await refusal(readTable(bomb))).toBe('XLSX_SUSPICIOUS_COMPRESSION');
    expect(await refusal(readTable(await zipBombWorkbook(300)))).toBe('XLSX_TOO_LARGE_UNPACKED');
  });

  it('refuses parts that together unpack past the total bound', async () => {
    // Four parts of 100 MiB of spaces each: each alone within the bounds of a part, not together. Not a valid ratio
    // either — so the bounds are loosened for this one check.
    const zip = await zipOf(
      [1, 2, 3, 4].map((n) => ({ name: `xl/media/image${n}.bin`, data: () => repeatedBytes(100) })),
    );
    const loose = { ...XLSX_BOUNDS, maxRatio: 10_000 };
    expect(await refusal(openCheckedZip(zip, loose))).toBe('XLSX_TOO_LARGE_UNPACKED');
  });

  it('refuses a ZIP listing more parts than a workbook has', async () => {
    const zip = await zipOf(
      Array.from({ length: XLSX_BOUNDS.maxEntries + 1 }, (_, i) => ({ name: `p${i}`, data: '' })),
    );
    expect(await refusal(openCheckedZip(zip))).toBe('XLSX_TOO_MANY_PARTS');
  });

  it('stops inflating a part whose directory lies about its size, a bound past what it declared', async () => {
    const liar = lyingSizes(await zipBombWorkbook(50));
    const { zip, entries } = await openCheckedZip(liar);
    const sheet = entries.get('xl/worksheets/sheet1.xml');
    expect(sheet?.uncompressedSize).toBe(1000);
    let inflated = 0;
    if (!sheet) throw new Error('no sheet');
    const stream = await inflatedStream(zip, sheet);
    const reading = (async () => {
      for await (const chunk of stream) inflated += (chunk as Buffer).length;
    })();
    expect(await refusal(reading)).toBe('XLSX_TOO_LARGE_UNPACKED');
    expect(inflated).toBeLessThanOrEqual(1000);
    zip.close();
    expect(await refusal(readTable(liar))).toBe('XLSX_TOO_LARGE_UNPACKED');
  });

  it('calls a ZIP that is no workbook unreadable', async () => {
    expect(await refusal(readTable(await zipOf([{ name: 'a.txt', data: 'hello' }])))).toBe('XLSX_UNREADABLE');
    expect(await refusal(readTable(Buffer.from('PK\x03\x04 and then nothing')))).toBe('XLSX_UNREADABLE');
  });

  it('is what a hostile workbook meets before its sheet: unpacked within bounds, the sheet is read', async () => {
    const table = await readTable(await workbookOf(SHEET_HEAD + sheetRow(2, ['x']) + SHEET_TAIL));
    expect(table.lines).toEqual([{ row: 2, cells: ['x'] }]);
  });
});
