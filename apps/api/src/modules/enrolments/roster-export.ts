import type { Locale, RosterEntry } from '@skillbridge/contracts';
import { stringify } from 'csv-stringify';
import { stream as excelStream } from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { countryName } from '../../common/i18n/country-names';
import { translate } from '../../common/i18n/translator';
import { addHeaderRow, addSheetRow, csvCell, type SheetValue } from '../../common/spreadsheet/sheet-cells';

/**
 * The roster's columns. The trainee columns are the ones the trainee import
 * reads back, whatever the language of the headers: a roster exported in
 * Thai imports as it is (trainee-import.ts).
 */
export const ROSTER_COLUMNS = [
  'fullName',
  'fullNameLatin',
  'email',
  'nationality',
  'nationalityCode',
  'institution',
  'status',
  'enrolledAt',
  'decidedAt',
  'reason',
] as const;

/** Who reads the roster, and the zone of its times (the program's). */
export interface RosterSheetOptions {
  locale: Locale;
  timeZone: string;
}

function line(entry: RosterEntry, { locale, timeZone }: RosterSheetOptions): SheetValue[] {
  return [
    entry.fullName,
    entry.fullNameLatin ?? '',
    entry.email,
    countryName(locale, entry.nationality),
    entry.nationality,
    entry.institutionCode ?? '',
    translate(locale, `enrolmentStatus.${entry.status}`),
    { instant: entry.createdAt, timeZone },
    entry.decidedAt ? { instant: entry.decidedAt, timeZone } : null,
    entry.reason ?? '',
  ];
}

/** Headers in the caller's language; the time columns name the zone their times are in. */
export function rosterHeader({ locale, timeZone }: RosterSheetOptions): string[] {
  return ROSTER_COLUMNS.map((column) => translate(locale, `roster.columns.${column}`, { zone: timeZone }));
}

/** The roster as CSV: UTF-8 with a BOM (so Excel reads Thai and Chinese right), CRLF, streamed batch by batch. */
export function rosterCsv(batches: AsyncIterable<RosterEntry[]>, options: RosterSheetOptions): Readable {
  const csv = stringify({ bom: true, record_delimiter: 'windows', quoted_match: /[",\r\n]/ });
  void (async () => {
    try {
      csv.write(rosterHeader(options).map(csvCell));
      for await (const batch of batches) {
        for (const entry of batch) {
          if (!csv.write(line(entry, options).map(csvCell))) await new Promise((resolve) => csv.once('drain', resolve));
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}

const WIDTHS: Partial<Record<(typeof ROSTER_COLUMNS)[number], number>> = {
  fullName: 28,
  fullNameLatin: 28,
  email: 32,
  enrolledAt: 22,
  decidedAt: 22,
};

/** The roster as an XLSX workbook, written row by row into the response (nothing built in memory first). */
export function rosterXlsx(
  batches: AsyncIterable<RosterEntry[]>,
  options: RosterSheetOptions,
  sheetName: string,
): Readable {
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((key) => ({ key, width: WIDTHS[key] ?? 18 }));
  void (async () => {
    try {
      addHeaderRow(sheet, rosterHeader(options)).commit();
      for await (const batch of batches) {
        for (const entry of batch) addSheetRow(sheet, line(entry, options), options.locale).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
