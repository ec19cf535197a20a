import { SUPPORTED_LOCALES } from '@skillbridge/contracts';
import { stream as excelStream, ValueType, Workbook } from 'exceljs';
import { PassThrough } from 'node:stream';
import {
  addSheetRow,
  csvCell,
  neutralizeCsvText,
  SHEET_FORMATS,
  TEXT_FORMAT,
  unneutralizeCsvText,
  wallClock,
  type SheetValue,
} from './sheet-cells';

const FORMULAS = ['=1+1', '+66 81 234 5678', '-2+3', '@SUM(A1)', '\tcmd', '\rx', '=HYPERLINK("http://evil.example")'];
const NAMES = ['ศิริพร แก้วมณี', '陈思远', 'Nguyễn Thị Thu Hằng', 'O’Brien-Smith', "'quoted"];

/** Writes one row as the exports do, and reads the workbook back as Excel would get it. */
async function roundTrip(values: SheetValue[], locale: (typeof SUPPORTED_LOCALES)[number], streaming = false) {
  let buffer: Buffer;
  if (streaming) {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = writer.addWorksheet('s');
    addSheetRow(sheet, values, locale).commit();
    sheet.commit();
    await writer.commit();
    buffer = Buffer.concat(chunks);
  } else {
    const workbook = new Workbook();
    addSheetRow(workbook.addWorksheet('s'), values, locale);
    buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  }
  const read = new Workbook();
  await read.xlsx.load(buffer as unknown as ArrayBuffer);
  return read.worksheets[0].getRow(1);
}

describe('spreadsheet cells', () => {
  describe('in CSV', () => {
    it.each(FORMULAS)('defuse %j with an apostrophe, and read back without it', (cell) => {
      expect(neutralizeCsvText(cell)).toBe(`'${cell}`);
      expect(csvCell(cell)).toBe(`'${cell}`);
      expect(unneutralizeCsvText(neutralizeCsvText(cell))).toBe(cell);
    });

    it('leave names in every script alone, an apostrophe of their own included', () => {
      for (const name of [...NAMES, '']) {
        expect(neutralizeCsvText(name)).toBe(name);
        expect(unneutralizeCsvText(name)).toBe(name);
      }
    });

    it('write times as the wall clock of the zone, and calendar dates as they are', () => {
      // 02:30 UTC is 09:00 in Yangon (+06:30) and 10:30 in Shanghai.
      expect(csvCell({ instant: '2024-09-03T02:30:00Z', timeZone: 'Asia/Yangon' })).toBe('2024-09-03 09:00');
      expect(csvCell({ instant: '2024-09-03T02:30:00Z', timeZone: 'Asia/Shanghai' })).toBe('2024-09-03 10:30');
      expect(csvCell({ date: '2024-09-03' })).toBe('2024-09-03');
      expect(csvCell({ month: '2024-09' })).toBe('2024-09');
      expect([csvCell(12), csvCell(null), csvCell(undefined)]).toEqual(['12', '', '']);
    });
  });

  describe('in XLSX', () => {
    it('turn an instant into the serial date of its wall-clock time in the zone', () => {
      expect(wallClock('2024-09-03T02:30:00Z', 'Asia/Yangon').toISOString()).toBe('2024-09-03T09:00:00.000Z');
      expect(wallClock(new Date('2024-12-31T23:30:00Z'), 'Asia/Bangkok').toISOString()).toBe(
        '2025-01-01T06:30:00.000Z',
      );
    });

    it.each(SUPPORTED_LOCALES)('are real date cells with a %s number format', async (locale) => {
      for (const streaming of [false, true]) {
        const row = await roundTrip(
          [{ instant: '2024-09-03T02:30:00Z', timeZone: 'Asia/Yangon' }, { date: '2024-09-30' }, { month: '2024-09' }],
          locale,
          streaming,
        );
        const [time, date, month] = [1, 2, 3].map((c) => row.getCell(c));
        for (const cell of [time, date, month]) expect(cell.type).toBe(ValueType.Date);
        expect(time.value).toEqual(new Date('2024-09-03T09:00:00Z'));
        expect(date.value).toEqual(new Date('2024-09-30T00:00:00Z'));
        expect(month.value).toEqual(new Date('2024-09-01T00:00:00Z'));
        expect([time.numFmt, date.numFmt, month.numFmt]).toEqual([
          SHEET_FORMATS[locale].dateTime,
          SHEET_FORMATS[locale].date,
          SHEET_FORMATS[locale].month,
        ]);
      }
    });

    it('show Thai readers the Buddhist era, the others the Gregorian year with hours and minutes', () => {
      expect(SHEET_FORMATS.th.dateTime).toBe('[$-107041E]dd/mm/yyyy hh:mm');
      expect(SHEET_FORMATS.zh.dateTime).toBe('yyyy-mm-dd hh:mm');
      expect(SHEET_FORMATS.en.dateTime).toBe('yyyy-mm-dd hh:mm');
      expect(SHEET_FORMATS.ms.dateTime).toBe('dd/mm/yyyy hh:mm');
    });

    it('write would-be formulas as text cells, without an apostrophe, in the text format', async () => {
      // XML reads a carriage return as a line feed (exceljs writes it raw): the CR case is CSV's alone.
      const formulas = FORMULAS.filter((text) => !text.startsWith('\r'));
      for (const streaming of [false, true]) {
        const row = await roundTrip([...formulas, ...NAMES, 42], 'en', streaming);
        formulas.forEach((text, index) => {
          const cell = row.getCell(index + 1);
          expect({ type: cell.type, value: cell.value, numFmt: cell.numFmt, formula: cell.formula }).toEqual({
            type: ValueType.String,
            value: text,
            numFmt: TEXT_FORMAT,
            formula: undefined,
          });
        });
        NAMES.forEach((name, index) => {
          const cell = row.getCell(formulas.length + index + 1);
          expect([cell.type, cell.value]).toEqual([ValueType.String, name]);
        });
        const number = row.getCell(formulas.length + NAMES.length + 1);
        expect([number.type, number.value]).toEqual([ValueType.Number, 42]);
      }
    });
  });
});
