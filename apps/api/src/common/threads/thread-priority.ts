import { setPriority } from 'node:os';

/**
 * The niceness of the pools' worker threads (PDFs, spreadsheets, workbooks):
 * 10, where the event loop and PostgreSQL run at 0. The kernel then gives a
 * ready event loop the CPU nearly every time (a nice-10 thread weighs about a
 * tenth of a nice-0 one), so a burst of renders or an import uses the cores
 * the requests leave idle instead of sharing them evenly — which on two cores
 * tripled the p99 of every other request (`npm run bench`, heavy-work rows).
 */
export const WORKER_THREAD_NICENESS = 10;

/**
 * Lowers the priority of the calling thread only. On Linux setpriority(2) on
 * "process 0" applies to the calling thread (threads have nice values of their
 * own); elsewhere it would lower the whole process, event loop included, so it
 * is done on Linux alone. Refused (a container without the right), the thread
 * keeps the normal priority: slower neighbours, no failure.
 */
export function lowerThisThreadsPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(WORKER_THREAD_NICENESS);
  } catch {
    // Keep the normal priority.
  }
}
