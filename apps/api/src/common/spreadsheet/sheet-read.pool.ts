import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode } from '@skillbridge/contracts';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../config';
import { ProblemException } from '../problem/problem.exception';
import { LazyPool } from '../threads/lazy-pool';
import type { SheetReadResult, SheetReadTask } from './sheet-read.worker';
import type { ReadTableOptions, SheetTable } from './sheet-table';

/**
 * Where the worker's code is. Built, webpack emits it as its own entry beside
 * main.js (see apps/api/webpack.config.js); from the TypeScript sources (Jest,
 * ts-node) a small CommonJS file registers ts-node and loads the .ts module.
 */
export function sheetReadWorkerFile(): string {
  return __filename.endsWith('.ts')
    ? join(__dirname, 'sheet-read-worker-ts.cjs')
    : join(__dirname, 'sheet-read.worker.js');
}

/**
 * Threads for reading spreadsheets: all cores but the event loop's, at most two (imports are rare; each thread may
 * hold up to IMPORT_THREAD_HEAP_MB), at least one.
 */
export function sheetThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores - 1));
}

/** What piscina rejects a task with when its queue is full (IMPORT_QUEUE_MAX), or when there is none (0). */
const QUEUE_FULL = ['Task queue is at limit', 'No task queue available and all Workers are busy'];

/**
 * Reading uploaded spreadsheets — decoding a 10 MB text file, parsing it,
 * unzipping a workbook: seconds of work for the largest — in worker threads,
 * so that no other request waits behind an import. Threads start on the
 * first file and stop after a minute idle; files arriving meanwhile queue,
 * up to IMPORT_QUEUE_MAX.
 */
@Injectable()
export class SheetReadPool implements OnApplicationShutdown {
  private readonly pool: LazyPool<SheetReadTask, SheetReadResult>;

  constructor(config: AppConfig) {
    this.pool = new LazyPool(() => ({
      filename: sheetReadWorkerFile(),
      maxThreads: sheetThreads(),
      // Files past this many waiting are refused (503) rather than held in memory.
      maxQueue: config.IMPORT_QUEUE_MAX,
      // A legitimate file needs a fraction of this (the sheet is streamed and capped at 20,000 rows); a hostile
      // one that gets past the ZIP checks (millions of shared strings, say) meets it: its thread is ended, the
      // upload refused, and the process and its other requests go on.
      resourceLimits: { maxOldGenerationSizeMb: config.IMPORT_THREAD_HEAP_MB },
    }));
  }

  /** Files the pool's threads have read (the tests count them to prove the work left the event loop). */
  get completedInThreads(): number {
    return this.pool.completed;
  }

  /**
   * The file's table; a file that cannot be read (or has more rows than `maxRows`, or needs more memory than a
   * thread has) is a 400 naming `file` that says why; a full queue is a 503.
   */
  async read(bytes: Uint8Array, options: ReadTableOptions = {}): Promise<SheetTable> {
    let result: SheetReadResult;
    try {
      result = await this.pool.run({ bytes, options });
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
        result = { problem: { code: 'FILE_TOO_COMPLEX', messageKey: 'import.fileTooComplex' } };
      } else if (message && QUEUE_FULL.includes(message)) {
        throw new ProblemException(503, ErrorCode.ServiceUnavailable, { headers: { 'retry-after': '5' } });
      } else throw error;
    }
    if ('problem' in result) {
      throw new ProblemException(400, ErrorCode.ImportFileInvalid, { errors: [{ field: 'file', ...result.problem }] });
    }
    return result.table;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.destroy();
  }
}
