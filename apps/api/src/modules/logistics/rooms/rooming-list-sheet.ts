import type { Locale } from '@skillbridge/contracts';
import { stream as excelStream } from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { countryName } from '../../../common/i18n/country-names';
import { translate } from '../../../common/i18n/translator';
import { addHeaderRow, addSheetRow, type SheetValue } from '../../../common/spreadsheet/sheet-cells';
import type { RoomWithLines, TraineeLine } from './rooms.service';

/**
 * The rooming list's columns: the room, then who sleeps in it. Passport and
 * dietary data are not in it: they are sealed sensitive data, consented to
 * for the visa letter and for catering only (a guest house would like the
 * dietary needs, but they reach the kitchen by another way, not this sheet).
 */
export const ROOMING_COLUMNS = [
  'room',
  'roomGender',
  'capacity',
  'fullName',
  'fullNameLatin',
  'gender',
  'nationality',
  'institution',
  'arrival',
  'departure',
] as const;

/** Who reads the sheet, and the zone of its times (the program's). */
export interface LogisticsSheetOptions {
  locale: Locale;
  timeZone: string;
}

const WIDTHS: Partial<Record<(typeof ROOMING_COLUMNS)[number], number>> = {
  room: 20,
  fullName: 28,
  fullNameLatin: 28,
  arrival: 22,
  departure: 22,
};

export function roomingHeader({ locale, timeZone }: LogisticsSheetOptions): string[] {
  return ROOMING_COLUMNS.map((column) => translate(locale, `rooms.columns.${column}`, { zone: timeZone }));
}

function traineeCells(line: TraineeLine | undefined, { locale, timeZone }: LogisticsSheetOptions): SheetValue[] {
  if (!line) return [];
  return [
    line.fullName,
    line.fullNameLatin ?? '',
    line.gender ? translate(locale, `rooms.traineeGender.${line.gender}`) : '',
    countryName(locale, line.nationality),
    line.institutionCode ?? '',
    line.arrivalAt ? { instant: line.arrivalAt, timeZone } : null,
    line.departureAt ? { instant: line.departureAt, timeZone } : null,
  ];
}

/**
 * The rooming list as an XLSX workbook, written row by row into the response
 * as the batches come from the database (nothing built in memory first, the
 * event loop given back between batches): one row per occupant, grouped by
 * room (an empty room has one row of its own), then a heading and the
 * confirmed trainees without a room.
 */
export function roomingListXlsx(
  rooms: AsyncIterable<RoomWithLines[]>,
  unassigned: AsyncIterable<TraineeLine[]>,
  options: LogisticsSheetOptions,
): Readable {
  const { locale } = options;
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(translate(locale, 'rooms.sheet').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = ROOMING_COLUMNS.map((key) => ({ key, width: WIDTHS[key] ?? 16 }));
  void (async () => {
    try {
      addHeaderRow(sheet, roomingHeader(options)).commit();
      for await (const batch of rooms) {
        for (const room of batch) {
          const roomCells: SheetValue[] = [room.name, translate(locale, `rooms.gender.${room.gender}`), room.capacity];
          const lines = room.occupants.length ? room.occupants : [undefined];
          for (const line of lines) addSheetRow(sheet, [...roomCells, ...traineeCells(line, options)], locale).commit();
        }
        await yieldToEventLoop();
      }
      let headed = false;
      for await (const batch of unassigned) {
        if (!headed) {
          sheet.addRow([]).commit();
          const row = sheet.addRow([translate(locale, 'rooms.unassigned')]);
          row.font = { bold: true };
          row.commit();
          headed = true;
        }
        for (const line of batch)
          addSheetRow(sheet, [null, null, null, ...traineeCells(line, options)], locale).commit();
        await yieldToEventLoop();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
