import type { Locale, RosterEntry } from '@skillbridge/contracts';
import { stringify } from 'csv-stringify';
import { stream as excelStream } from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { translate } from '../../common/i18n/translator';

const COLUMNS = [
  'fullName',
  'fullNameLatin',
  'email',
  'nationality',
  'institution',
  'status',
  'enrolledAt',
  'decidedAt',
  'reason',
] as const;

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1…`,
 * `-2+3`, `@SUM`, or behind a tab or carriage return) gets a leading
 * apostrophe, so it is shown as the text it is (OWASP "CSV injection").
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function line(entry: RosterEntry, locale: Locale): string[] {
  return [
    entry.fullName,
    entry.fullNameLatin ?? '',
    entry.email,
    entry.nationality,
    entry.institutionCode ?? '',
    translate(locale, `enrolmentStatus.${entry.status}`),
    entry.createdAt,
    entry.decidedAt ?? '',
    entry.reason ?? '',
  ].map(neutralizeCell);
}

function header(locale: Locale): string[] {
  return COLUMNS.map((column) => translate(locale, `roster.columns.${column}`));
}

/** The roster as CSV: UTF-8 with a BOM (so Excel reads Thai and Chinese right), CRLF, streamed batch by batch. */
export function rosterCsv(batches: AsyncIterable<RosterEntry[]>, locale: Locale): Readable {
  const csv = stringify({ bom: true, record_delimiter: 'windows', quoted_match: /[",\r\n]/ });
  void (async () => {
    try {
      csv.write(header(locale));
      for await (const batch of batches) {
        for (const entry of batch) {
          if (!csv.write(line(entry, locale))) await new Promise((resolve) => csv.once('drain', resolve));
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}

/** The roster as an XLSX workbook, written row by row into the response (nothing built in memory first). */
export function rosterXlsx(batches: AsyncIterable<RosterEntry[]>, locale: Locale, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((key) => ({ key, width: key === 'email' ? 32 : key.startsWith('full') ? 28 : 18 }));
  void (async () => {
    try {
      const head = sheet.addRow(header(locale));
      head.font = { bold: true };
      head.commit();
      for await (const batch of batches) {
        for (const entry of batch) sheet.addRow(line(entry, locale)).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
