import type { Readable } from 'node:stream';
import { rosterXlsx } from '../../modules/enrolments/roster-export';
import { arrivalsXlsx } from '../../modules/logistics/rooms/arrivals-sheet';
import { roomingListXlsx } from '../../modules/logistics/rooms/rooming-list-sheet';
import { overviewWorkbook, programWorkbook } from '../../modules/reports/reports-export';
import type { FromWorkbookThread, StreamedWorkbookTask, ToWorkbookThread, WorkbookTask } from './workbook-task';
import { lowerThisThreadsPriority } from '../threads/thread-priority';

/*
 * The workbook pool's worker thread (piscina calls the default export for each task): XLSX exports built here,
 * off the event loop, by the same functions as before. Built, it is its own webpack entry,
 * dist/apps/api/workbook.worker.js; from the TypeScript sources workbook-worker-ts.cjs registers ts-node.
 */

// This thread yields the CPU to the event loop (see thread-priority.ts).
lowerThisThreadsPriority();

/** The async source of input `input`: each batch asked of the main thread when the builder wants it. */
function remoteBatches<T>(port: StreamedWorkbookTask['port'], input: number): AsyncIterable<T[]> {
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const reply = new Promise<ToWorkbookThread>((resolve) => {
          const onMessage = (message: ToWorkbookThread) => {
            if (message.input !== input) return;
            port.off('message', onMessage);
            resolve(message);
          };
          port.on('message', onMessage);
        });
        port.postMessage({ type: 'pull', input } satisfies FromWorkbookThread);
        const message = await reply;
        if (message.type === 'done') return;
        yield message.batch as T[];
      }
    },
  };
}

function streamed(task: StreamedWorkbookTask): Readable {
  switch (task.kind) {
    case 'roster':
      return rosterXlsx(remoteBatches(task.port, 0), task.options, task.sheetName);
    case 'rooming-list':
      return roomingListXlsx(remoteBatches(task.port, 0), remoteBatches(task.port, 1), task.options);
    case 'arrivals':
      return arrivalsXlsx(task.groups, task.withoutTime, task.options);
  }
}

export default async function run(task: WorkbookTask | StreamedWorkbookTask): Promise<Uint8Array | undefined> {
  if (task.kind === 'overview') return overviewWorkbook(task.report, task.locale);
  if (task.kind === 'program-report') return programWorkbook(task.report, task.locale);
  const { port } = task;
  for await (const chunk of streamed(task) as AsyncIterable<Buffer>) {
    // A copy the thread gives away (the chunk may share its memory with the zip writer's buffers).
    const bytes = new Uint8Array(chunk);
    port.postMessage({ type: 'chunk', bytes } satisfies FromWorkbookThread, [bytes.buffer]);
  }
  // The main thread closes the channel on this (closing it here could drop the last chunks in flight).
  port.postMessage({ type: 'end' } satisfies FromWorkbookThread);
  return undefined;
}
