import type { LocalizedText } from './localized-text';

/*
 * A host institution's certificate design (issue 17): colour, logo, seal
 * (the red stamp Chinese certificates carry) and up to two signatories.
 * `GET/PUT /institutions/:id/certificate-design`; images go to
 * `PUT|DELETE /institutions/:id/certificate-design/{logo,seal,signatures/:index}`
 * as multipart field `file`.
 */

/** At most this many signatories sign a certificate. */
export const CERTIFICATE_SIGNATORIES_MAX = 2;
/** Largest image file accepted (logo, seal, signature): 1 MiB. */
export const CERTIFICATE_IMAGE_MAX_BYTES = 1024 * 1024;
/** Smallest and largest width and height of an accepted image, in pixels. */
export const CERTIFICATE_IMAGE_MIN_SIDE = 16;
export const CERTIFICATE_IMAGE_MAX_SIDE = 4000;
/** The image types accepted, recognised by the file's content (not its name or declared type). */
export const CERTIFICATE_IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
/** `#RRGGBB` */
export const ACCENT_COLOR_PATTERN = /^#[0-9A-Fa-f]{6}$/;
/** Accent colours must contrast with the white page at least this much (WCAG ratio, for large text). */
export const ACCENT_COLOR_MIN_CONTRAST = 3;
export const SIGNATORY_TEXT_MAX_LENGTH = 120;

/** The images a design holds; a signature belongs to the signatory at its index. */
export type CertificateDesignImageSlot = 'logo' | 'seal';

export interface CertificateSignatoryView {
  name: LocalizedText;
  title: LocalizedText;
  /** A signature image is on file for this signatory (it is dropped when the name changes). */
  hasSignature: boolean;
}

/** `GET /institutions/:id/certificate-design` */
export interface CertificateDesign {
  institutionId: string;
  accentColor?: string;
  signatories: CertificateSignatoryView[];
  hasLogo: boolean;
  hasSeal: boolean;
  /** When this version of the design was saved; absent while the institution has none. */
  updatedAt?: string;
}

export interface CertificateSignatoryInput {
  name: LocalizedText;
  title: LocalizedText;
}

/** `PUT /institutions/:id/certificate-design` */
export interface UpdateCertificateDesignRequest {
  accentColor?: string | null;
  signatories: CertificateSignatoryInput[];
}

/** The WCAG contrast ratio of a `#RRGGBB` colour against white (1 to 21). */
export function contrastWithWhite(color: string): number {
  const channel = (hex: string) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance =
    0.2126 * channel(color.slice(1, 3)) + 0.7152 * channel(color.slice(3, 5)) + 0.0722 * channel(color.slice(5, 7));
  return 1.05 / (luminance + 0.05);
}
