import type { CertificateDocument } from '../pdf/certificate-pdf';
import type { ImageCheck } from '../pdf/images';
import type { InvitationLetterDocument } from '../../logistics/letters/letter-pdf';
import type { PosterDocument } from '../../public-catalog/poster-pdf';
import type { ShareImageDocument } from '../../public-catalog/share-image';

/** What a worker thread of the render pool does: draw a certificate or a visa invitation letter, or check an uploaded image. */
export type RenderTask =
  | { kind: 'render'; document: CertificateDocument }
  | { kind: 'check-image'; bytes: Uint8Array }
  | { kind: 'letter'; document: InvitationLetterDocument }
  | { kind: 'share-image'; document: ShareImageDocument }
  | { kind: 'poster'; document: PosterDocument };

export type RenderResult<T extends RenderTask> = T extends { kind: 'check-image' } ? ImageCheck : Uint8Array;
