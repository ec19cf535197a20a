import type { Locale, ProgramReport, ReportOverview } from '@skillbridge/contracts';
import type { MessagePort } from 'node:worker_threads';
import type { RosterSheetOptions } from '../../modules/enrolments/roster-export';
import type { TravelDirection, TravelGroup } from '../../modules/logistics/rooms/arrivals-sheet';
import type { LogisticsSheetOptions } from '../../modules/logistics/rooms/rooming-list-sheet';

/** A workbook built whole in a thread (reports: a few hundred rows, computed by SQL first). */
export type WorkbookTask =
  | { kind: 'overview'; report: ReportOverview; locale: Locale }
  | { kind: 'program-report'; report: ProgramReport; locale: Locale };

/**
 * A workbook streamed through a thread: the rows come from the database on the main thread, batch by batch as the
 * thread asks for them (`inputs` async sources), and the workbook's bytes come back as they are written.
 */
export type StreamedWorkbook =
  | { kind: 'roster'; options: RosterSheetOptions; sheetName: string }
  | { kind: 'rooming-list'; options: LogisticsSheetOptions }
  | {
      kind: 'arrivals';
      groups: Record<TravelDirection, TravelGroup[]>;
      withoutTime: Record<TravelDirection, number>;
      options: LogisticsSheetOptions;
    };

export type StreamedWorkbookTask = StreamedWorkbook & { kind: StreamedWorkbook['kind']; port: MessagePort };

/** From the thread: ask for input `input`'s next batch, a piece of the workbook, or its end. */
export type FromWorkbookThread =
  { type: 'pull'; input: number } | { type: 'chunk'; bytes: Uint8Array } | { type: 'end' };

/** To the thread: input `input`'s next batch, or that it has no more. */
export type ToWorkbookThread = { type: 'batch'; input: number; batch: unknown[] } | { type: 'done'; input: number };
