import type { CertificateDocument } from '../pdf/certificate-pdf';
import type { ImageCheck } from '../pdf/images';

/** What a worker thread of the render pool does: draw a certificate, or check an uploaded image. */
export type RenderTask = { kind: 'render'; document: CertificateDocument } | { kind: 'check-image'; bytes: Uint8Array };

export type RenderResult<T extends RenderTask> = T extends { kind: 'render' } ? Uint8Array : ImageCheck;
