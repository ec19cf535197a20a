import type { TranslationParams } from '../i18n/translator';
import { readTable, SheetFileError, type ReadTableOptions, type SheetTable } from './sheet-table';
import { lowerThisThreadsPriority } from '../threads/thread-priority';

/*
 * The sheet-reading pool's worker thread (piscina loads this module and calls
 * its default export for each file). Built, it is its own webpack entry,
 * dist/apps/api/sheet-read.worker.js; from the TypeScript sources (Jest,
 * ts-node) sheet-read-worker-ts.cjs registers ts-node and loads it.
 */

// This thread yields the CPU to the event loop (see thread-priority.ts).
lowerThisThreadsPriority();

/** What comes back across the thread boundary: the table, or why the file cannot be read. */
export type SheetReadResult =
  { table: SheetTable } | { problem: { code: string; messageKey: string; params?: TranslationParams } };

/** One file to read, and how much of it the caller takes. */
export interface SheetReadTask {
  bytes: Uint8Array;
  options: ReadTableOptions;
}

export default async function run({ bytes, options }: SheetReadTask): Promise<SheetReadResult> {
  try {
    return { table: await readTable(bytes, options) };
  } catch (error) {
    // A class does not survive structured cloning: the reason crosses as plain data.
    if (error instanceof SheetFileError) {
      return { problem: { code: error.code, messageKey: error.messageKey, params: error.params } };
    }
    throw error;
  }
}
