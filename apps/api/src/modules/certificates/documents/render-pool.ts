import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { LazyPool } from '../../../common/threads/lazy-pool';
import type { InvitationLetterDocument } from '../../logistics/letters/letter-pdf';
import type { PosterDocument } from '../../public-catalog/poster-pdf';
import type { ShareImageDocument } from '../../public-catalog/share-image';
import type { CertificateDocument } from '../pdf/certificate-pdf';
import type { ImageCheck } from '../pdf/images';
import type { RenderTask } from './render-task';

/**
 * Where the worker's code is. Built, webpack emits it as its own entry beside
 * main.js (see apps/api/webpack.config.js); from the TypeScript sources (Jest,
 * ts-node) a small CommonJS file registers ts-node and loads the .ts module.
 */
export function renderWorkerFile(): string {
  return __filename.endsWith('.ts')
    ? join(__dirname, 'render-worker-ts.cjs')
    : join(__dirname, 'certificate-render.worker.js');
}

/**
 * Threads for rendering: all cores but one (the event loop's), at most four —
 * each thread holds the fonts and two HarfBuzz instances (~150 MB) — and at
 * least one.
 */
export function renderThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * Certificate rendering (and the decoding that checks uploaded images) in
 * worker threads, through piscina: a burst of PDF downloads queues here
 * instead of stalling the event loop, so every other request still answers.
 * Threads start on the first task and stop after a minute idle (LazyPool).
 */
@Injectable()
export class CertificateRenderPool implements OnApplicationShutdown {
  private readonly pool = new LazyPool<RenderTask, Uint8Array | ImageCheck>(() => ({
    filename: renderWorkerFile(),
    maxThreads: renderThreads(),
  }));
  /** Certificates this process has rendered (the tests count renders to prove the cache). */
  rendered = 0;

  /** Tasks the pool's threads have finished (renders and image checks). */
  get completedInThreads(): number {
    return this.pool.completed;
  }

  async render(document: CertificateDocument): Promise<Buffer> {
    this.rendered += 1;
    const pdf = (await this.pool.run({ kind: 'render', document })) as Uint8Array;
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  /** A visa invitation letter (issue 20), in the same threads with the same fonts; never counted in `rendered`. */
  async renderLetter(document: InvitationLetterDocument): Promise<Buffer> {
    const pdf = (await this.pool.run({ kind: 'letter', document })) as Uint8Array;
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  /** A program's share image for the open catalog (issue 22): PNG bytes; never counted in `rendered`. */
  async renderShareImage(document: ShareImageDocument): Promise<Buffer> {
    const png = (await this.pool.run({ kind: 'share-image', document })) as Uint8Array;
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  /** A program's printable poster (issue 22); never counted in `rendered`. */
  async renderPoster(document: PosterDocument): Promise<Buffer> {
    const pdf = (await this.pool.run({ kind: 'poster', document })) as Uint8Array;
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  checkImage(bytes: Uint8Array): Promise<ImageCheck> {
    return this.pool.run({ kind: 'check-image', bytes }) as Promise<ImageCheck>;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.destroy();
  }
}
