import { zonedParts, type Locale } from '@skillbridge/contracts';
import { stream as excelStream } from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { translate } from '../../../common/i18n/translator';
import { addHeaderRow, addSheetRow, type SheetValue } from '../../../common/spreadsheet/sheet-cells';
import type { LogisticsSheetOptions } from './rooming-list-sheet';
import type { TraineeLine } from './rooms.service';

export type TravelDirection = 'arrival' | 'departure';
export const TRAVEL_DIRECTIONS: readonly TravelDirection[] = ['arrival', 'departure'];

/**
 * Pick-up buses run in fixed two-hour slots of the program's local day,
 * 00:00–02:00, 02:00–04:00, … 22:00–24:00: a slot is one bus run per point
 * (airport or station), and a 23:30 arrival belongs to the day it lands on
 * in the program's zone, whatever the traveller's own zone.
 */
export const SLOT_HOURS = 2;

const pad = (n: number) => String(n).padStart(2, '0');

/** `22:00–24:00` for the slot that starts at hour 22. */
export function slotLabel(startHour: number): string {
  return `${pad(startHour)}:00–${pad(startHour + SLOT_HOURS)}:00`;
}

/** The local day (`YYYY-MM-DD`) and the slot's first hour of an instant in the zone. */
export function localSlot(instant: Date | string, timeZone: string): { day: string; slotStart: number } {
  const p = zonedParts(instant, timeZone);
  return {
    day: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    slotStart: Math.floor(p.hour / SLOT_HOURS) * SLOT_HOURS,
  };
}

interface Traveller {
  at: Date;
  fullName: string;
  fullNameLatin: string | null;
  carrier: string | null;
  number: string | null;
}

/** The people of one direction, day, slot and point: one bus run. */
export interface TravelGroup {
  day: string;
  slotStart: number;
  point: string | null;
  people: Traveller[];
}

/**
 * Groups travellers (read in time order) by local day, slot and point; the
 * groups come by day and slot, the points of a slot by name (no point last).
 */
export async function groupTravel(
  batches: AsyncIterable<TraineeLine[]>,
  direction: TravelDirection,
  timeZone: string,
): Promise<TravelGroup[]> {
  const groups = new Map<string, TravelGroup>();
  for await (const batch of batches) {
    for (const line of batch) {
      const at = direction === 'arrival' ? line.arrivalAt : line.departureAt;
      if (!at) continue;
      const point = (direction === 'arrival' ? line.arrivalPoint : line.departurePoint) || null;
      const { day, slotStart } = localSlot(at, timeZone);
      const key = `${day}|${pad(slotStart)}|${point ?? ''}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { day, slotStart, point, people: [] }));
      group.people.push({
        at: new Date(at),
        fullName: line.fullName,
        fullNameLatin: line.fullNameLatin,
        carrier: (direction === 'arrival' ? line.arrivalCarrier : line.departureCarrier) || null,
        number: (direction === 'arrival' ? line.arrivalNumber : line.departureNumber) || null,
      });
    }
    await yieldToEventLoop();
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.slotStart - b.slotStart ||
      (a.point === null ? 1 : 0) - (b.point === null ? 1 : 0) ||
      (a.point ?? '').localeCompare(b.point ?? ''),
  );
}

export const SUMMARY_COLUMNS = ['direction', 'day', 'slot', 'point', 'count'] as const;
export const MANIFEST_COLUMNS = [
  'day',
  'slot',
  'point',
  'count',
  'fullName',
  'fullNameLatin',
  'carrier',
  'number',
  'time',
] as const;

const header = (locale: Locale, columns: readonly string[], timeZone: string) =>
  columns.map((c) => translate(locale, `arrivals.columns.${c}`, { zone: timeZone }));

/**
 * The arrivals and departures manifest: a summary sheet (per direction, day,
 * slot and point: how many people), then one sheet per direction where each
 * bus run is a bold line (day, slot, point, count) followed by its people
 * (name in both scripts, carrier, flight or train number, time). Days are
 * date cells, times are date cells of the program's zone.
 */
export function arrivalsXlsx(
  groups: Record<TravelDirection, TravelGroup[]>,
  withoutTime: Record<TravelDirection, number>,
  options: LogisticsSheetOptions,
): Readable {
  const { locale, timeZone } = options;
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const pointName = (point: string | null) => point ?? translate(locale, 'arrivals.noPoint');
  void (async () => {
    try {
      const summary = workbook.addWorksheet(translate(locale, 'arrivals.sheets.summary').slice(0, 31), {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      summary.columns = SUMMARY_COLUMNS.map((key) => ({ key, width: key === 'point' ? 24 : 16 }));
      addHeaderRow(summary, header(locale, SUMMARY_COLUMNS, timeZone)).commit();
      for (const direction of TRAVEL_DIRECTIONS) {
        const word = translate(locale, `arrivals.direction.${direction}`);
        for (const group of groups[direction]) {
          const cells: SheetValue[] = [
            word,
            { date: group.day },
            slotLabel(group.slotStart),
            pointName(group.point),
            group.people.length,
          ];
          addSheetRow(summary, cells, locale).commit();
        }
      }
      summary.addRow([]).commit();
      for (const direction of TRAVEL_DIRECTIONS) {
        const label = translate(locale, 'arrivals.withoutTime', {
          direction: translate(locale, `arrivals.direction.${direction}`),
        });
        addSheetRow(summary, [label, null, null, null, withoutTime[direction]], locale).commit();
      }
      summary.commit();

      for (const direction of TRAVEL_DIRECTIONS) {
        const sheet = workbook.addWorksheet(translate(locale, `arrivals.sheets.${direction}`).slice(0, 31), {
          views: [{ state: 'frozen', ySplit: 1 }],
        });
        sheet.columns = MANIFEST_COLUMNS.map((key) => ({
          key,
          width: key === 'fullName' || key === 'fullNameLatin' || key === 'point' ? 26 : key === 'time' ? 22 : 14,
        }));
        addHeaderRow(sheet, header(locale, MANIFEST_COLUMNS, timeZone)).commit();
        let written = 0;
        for (const group of groups[direction]) {
          const run = addSheetRow(
            sheet,
            [{ date: group.day }, slotLabel(group.slotStart), pointName(group.point), group.people.length],
            locale,
          );
          run.font = { bold: true };
          run.commit();
          for (const person of group.people) {
            addSheetRow(
              sheet,
              [
                null,
                null,
                null,
                null,
                person.fullName,
                person.fullNameLatin ?? '',
                person.carrier ?? '',
                person.number ?? '',
                { instant: person.at, timeZone },
              ],
              locale,
            ).commit();
            if (++written % 1000 === 0) await yieldToEventLoop();
          }
        }
        sheet.commit();
      }
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
