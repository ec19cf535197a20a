import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode } from '@skillbridge/contracts';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { ProblemException } from '../problem/problem.exception';
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
 * Reading uploaded spreadsheets — decoding a 10 MB text file, parsing it,
 * unzipping a workbook: seconds of work for the largest — in a worker thread,
 * so that no other request waits behind an import. Imports are rare: one
 * thread, started on the first file and stopped after a minute idle; files
 * arriving meanwhile queue.
 */
@Injectable()
export class SheetReadPool implements OnApplicationShutdown {
  private pool: Piscina<SheetReadTask, SheetReadResult> | undefined;

  private get piscina(): Piscina<SheetReadTask, SheetReadResult> {
    this.pool ??= new Piscina({ filename: sheetReadWorkerFile(), minThreads: 0, maxThreads: 1, idleTimeout: 60_000 });
    return this.pool;
  }

  /** Files the pool's thread has read (the tests count them to prove the work left the event loop). */
  get completedInThreads(): number {
    return this.pool?.completed ?? 0;
  }

  /** The file's table; a file that cannot be read (or has more rows than `maxRows`) is a 400 naming `file` that says why. */
  async read(bytes: Uint8Array, options: ReadTableOptions = {}): Promise<SheetTable> {
    const result = await this.piscina.run({ bytes, options });
    if ('problem' in result) {
      throw new ProblemException(400, ErrorCode.ImportFileInvalid, { errors: [{ field: 'file', ...result.problem }] });
    }
    return result.table;
  }

  // At application shutdown, after the HTTP server has closed and the requests in flight have had their
  // answers: on module destroy (before that) a SIGTERM would fail the import or PDF a request is waiting for.
  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
