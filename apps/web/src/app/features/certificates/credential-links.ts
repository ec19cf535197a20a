import { zonedDate } from '@skillbridge/contracts';

/**
 * The address of a certificate's Open Badges credential (its `id`): the API
 * answers it to the holder, their partner and admins, signed in. The web app
 * is served from the same origin as the API (`PUBLIC_URL`).
 */
export function credentialUrl(certificateId: string, origin: string): string {
  return `${origin.replace(/\/+$/, '')}/api/v1/certificates/${encodeURIComponent(certificateId)}/credential`;
}

export interface LinkedInCertification {
  /** The certification's name as the profile shows it. */
  name: string;
  /** Who issued it, by name (the host institution has no LinkedIn organization id we know of). */
  organizationName: string;
  /** When it was issued (an instant), read as a month in `timeZone`. */
  issuedAt: string;
  timeZone: string;
  /** Its last valid day (`YYYY-MM-DD`), if it expires. */
  validUntil?: string | null;
  /** Where an employer checks it: the public verification page. */
  verifyUrl: string;
  /** The credential ID LinkedIn shows: the serial printed on the certificate. */
  serial: string;
}

const LINKEDIN_ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

/**
 * LinkedIn's "Add to profile" link for a certification, with the form filled
 * in: the parameters LinkedIn documents for its Add to Profile program
 * (`startTask=CERTIFICATION_NAME`, `name`, `organizationName`, `issueYear`,
 * `issueMonth`, `expirationYear`, `expirationMonth`, `certUrl`, `certId`;
 * months 1–12). Opened in a new tab on a click; nothing is loaded from
 * LinkedIn before that.
 */
export function linkedInAddToProfileUrl(certification: LinkedInCertification): string {
  const [issueYear, issueMonth] = zonedDate(certification.issuedAt, certification.timeZone).split('-').map(Number);
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: certification.name,
    organizationName: certification.organizationName,
    issueYear: String(issueYear),
    issueMonth: String(issueMonth),
  });
  if (certification.validUntil) {
    const [expirationYear, expirationMonth] = certification.validUntil.split('-').map(Number);
    params.set('expirationYear', String(expirationYear));
    params.set('expirationMonth', String(expirationMonth));
  }
  params.set('certUrl', certification.verifyUrl);
  params.set('certId', certification.serial);
  return `${LINKEDIN_ADD_TO_PROFILE}?${params.toString()}`;
}
