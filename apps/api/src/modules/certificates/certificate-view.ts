import type { Certificate as CertificateView } from '@skillbridge/contracts';
import type { Certificate } from './certificate.entity';

/** A certificate with the serials of the ones it replaced and that replaced it, when they exist. */
export type CertificateWithLinks = Certificate & {
  replacesCertificate?: Pick<Certificate, 'id' | 'serial'> | null;
  replacedByCertificate?: Pick<Certificate, 'id' | 'serial'> | null;
};

/** The certificate as issued: only frozen fields and its state, never live records. */
export function toCertificateView(c: CertificateWithLinks): CertificateView {
  return {
    id: c.id,
    serial: c.serial,
    verificationCode: c.verificationCode,
    enrolmentId: c.enrolmentId,
    traineeId: c.traineeId,
    programId: c.programId,
    issuedAt: c.issuedAt.toISOString(),
    status: c.status,
    ...(c.revokedReason ? { revokedReason: c.revokedReason } : {}),
    ...(c.revokedAt ? { revokedAt: c.revokedAt.toISOString() } : {}),
    holderName: c.holderName,
    ...(c.holderNameLatin ? { holderNameLatin: c.holderNameLatin } : {}),
    programCode: c.programCode,
    programTitle: c.programTitle,
    startDate: c.startDate,
    endDate: c.endDate,
    timeZone: c.timeZone,
    hours: c.hours,
    topics: c.topics,
    completion: c.completion,
    issuer: { institutionId: c.issuerInstitutionId, name: c.issuerName },
    ...(c.validUntil ? { validUntil: c.validUntil } : {}),
    ...(c.replacesCertificate
      ? { replaces: { id: c.replacesCertificate.id, serial: c.replacesCertificate.serial } }
      : {}),
    ...(c.replacedByCertificate
      ? { replacedBy: { id: c.replacedByCertificate.id, serial: c.replacedByCertificate.serial } }
      : {}),
  };
}
