import type { CertificateDocument } from '../pdf/certificate-pdf';
import type { ImageCheck } from '../pdf/images';
import type { InvitationLetterDocument } from '../../logistics/letters/letter-pdf';

/** What a worker thread of the render pool does: draw a certificate or a visa invitation letter, or check an uploaded image. */
export type RenderTask =
  | { kind: 'render'; document: CertificateDocument }
  | { kind: 'check-image'; bytes: Uint8Array }
  | { kind: 'letter'; document: InvitationLetterDocument };

export type RenderResult<T extends RenderTask> = T extends { kind: 'check-image' } ? ImageCheck : Uint8Array;
