import { CertificateRenderer } from '../pdf/certificate-pdf';
import { checkImage, type ImageCheck } from '../pdf/images';
import type { RenderTask } from './render-task';

/*
 * The render pool's worker thread (piscina loads this module and calls its
 * default export for each task). Built, it is its own webpack entry,
 * dist/apps/api/certificate-render.worker.js; from the TypeScript sources
 * (Jest, ts-node) render-worker-ts.cjs registers ts-node and loads it.
 * Each thread loads the fonts and HarfBuzz once, on its first certificate.
 */

let renderer: CertificateRenderer | undefined;

export default function run(task: RenderTask): Uint8Array | ImageCheck {
  if (task.kind === 'check-image') return checkImage(task.bytes);
  renderer ??= new CertificateRenderer();
  return renderer.renderSync(task.document);
}
