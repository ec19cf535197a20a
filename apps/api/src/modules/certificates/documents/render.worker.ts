import { InvitationLetterRenderer } from '../../logistics/letters/letter-pdf';
import { CertificateRenderer } from '../pdf/certificate-pdf';
import { FontLibrary } from '../pdf/fonts';
import { PosterRenderer } from '../../public-catalog/poster-pdf';
import { ShareImageRenderer } from '../../public-catalog/share-image';
import { checkImage, type ImageCheck } from '../pdf/images';
import type { RenderTask } from './render-task';
import { lowerThisThreadsPriority } from '../../../common/threads/thread-priority';

/*
 * The render pool's worker thread (piscina loads this module and calls its
 * default export for each task). Built, it is its own webpack entry,
 * dist/apps/api/certificate-render.worker.js; from the TypeScript sources
 * (Jest, ts-node) render-worker-ts.cjs registers ts-node and loads it.
 * Each thread loads the fonts and HarfBuzz once, on its first certificate.
 */

// This thread yields the CPU to the event loop (see thread-priority.ts).
lowerThisThreadsPriority();

let fonts: FontLibrary | undefined;
let renderer: CertificateRenderer | undefined;
let letters: InvitationLetterRenderer | undefined;
let posters: PosterRenderer | undefined;
let shareImages: ShareImageRenderer | undefined;

export default function run(task: RenderTask): Uint8Array | ImageCheck {
  if (task.kind === 'check-image') return checkImage(task.bytes);
  // One set of fonts per thread, shared by certificates and letters.
  fonts ??= new FontLibrary();
  if (task.kind === 'share-image') {
    shareImages ??= new ShareImageRenderer(fonts);
    return shareImages.render(task.document);
  }
  if (task.kind === 'poster') {
    posters ??= new PosterRenderer(fonts);
    return posters.render(task.document);
  }
  if (task.kind === 'letter') {
    letters ??= new InvitationLetterRenderer(fonts);
    return letters.render(task.document);
  }
  renderer ??= new CertificateRenderer({ fonts });
  return renderer.renderSync(task.document);
}
