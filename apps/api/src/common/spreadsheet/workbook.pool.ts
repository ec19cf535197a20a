import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Locale, ProgramReport, ReportOverview } from '@skillbridge/contracts';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';
import { LazyPool } from '../threads/lazy-pool';
import { renderThreads } from '../../modules/certificates/documents/render-pool';
import type {
  FromWorkbookThread,
  StreamedWorkbook,
  StreamedWorkbookTask,
  ToWorkbookThread,
  WorkbookTask,
} from './workbook-task';

/** Where the worker's code is: webpack's own entry when built, a ts-node loader from the sources. */
export function workbookWorkerFile(): string {
  return __filename.endsWith('.ts') ? join(__dirname, 'workbook-worker-ts.cjs') : join(__dirname, 'workbook.worker.js');
}

/**
 * XLSX exports built in worker threads (piscina, as the PDFs and the uploads): the rows are gathered by SQL on the
 * main thread, the workbook — cell styling, XML, the ZIP — is written in a thread, so a roster export of thousands
 * of rows holds up no other request. Threads as the render pool's (from the CPU count), started on the first export
 * and stopped after a minute idle.
 */
@Injectable()
export class WorkbookPool implements OnApplicationShutdown {
  private readonly pool = new LazyPool<WorkbookTask | StreamedWorkbookTask, Uint8Array | undefined>(() => ({
    filename: workbookWorkerFile(),
    maxThreads: renderThreads(),
  }));

  /** Workbooks the pool's threads have finished (the tests count them to prove the work left the event loop). */
  get completedInThreads(): number {
    return this.pool.completed;
  }

  async overview(report: ReportOverview, locale: Locale): Promise<Buffer> {
    return asBuffer(await this.pool.run({ kind: 'overview', report, locale }));
  }

  async programReport(report: ProgramReport, locale: Locale): Promise<Buffer> {
    return asBuffer(await this.pool.run({ kind: 'program-report', report, locale }));
  }

  /**
   * A workbook written in a thread from these batch sources, as a stream of its bytes. The thread asks for each
   * batch when it wants it, so no more than a batch is in flight; a source that fails, or a reader that goes away,
   * ends the thread's work (its bytes are dropped) and fails the stream.
   */
  stream(workbook: StreamedWorkbook, inputs: AsyncIterable<unknown[]>[] = []): Readable {
    const out = new PassThrough();
    const { port1, port2 } = new MessageChannel();
    const iterators = inputs.map((input) => input[Symbol.asyncIterator]());
    let failed = false;
    const send = (message: ToWorkbookThread) => port1.postMessage(message);
    // The port is closed on the thread's `end` (after its last chunk: the task's own answer travels another way
    // and may arrive first) or when the task fails.
    const fail = (error: Error) => {
      failed = true;
      port1.close();
      out.destroy(error);
    };
    port1.on('message', (message: FromWorkbookThread) => {
      if (message.type === 'chunk') {
        if (!failed && !out.destroyed)
          out.write(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
      } else if (message.type === 'end') {
        port1.close();
        if (!failed && !out.destroyed) out.end();
      } else {
        const { input } = message;
        void (async () => {
          if (failed || out.destroyed) return send({ type: 'done', input });
          // The bytes not yet read by the response: wait for it before reading more rows.
          if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve).once('close', resolve));
          try {
            const next = await iterators[input].next();
            send(next.done ? { type: 'done', input } : { type: 'batch', input, batch: next.value });
          } catch (error) {
            failed = true;
            out.destroy(error as Error);
            send({ type: 'done', input });
          }
        })();
      }
    });
    const task = { ...workbook, port: port2 } as StreamedWorkbookTask;
    this.pool.run(task, { transferList: [port2] as never }).catch(fail);
    return out;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.destroy();
  }
}

const asBuffer = (bytes: Uint8Array | undefined) => {
  if (!bytes) throw new Error('the workbook thread returned nothing');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};
