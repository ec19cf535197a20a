import type { Certificate, CertificateListEntry } from '@skillbridge/contracts';

/** A certificate as a line of a list, with the holder's institution and language taken from a line of theirs. */
function asLine(certificate: Certificate, holderLine: CertificateListEntry): CertificateListEntry {
  return {
    ...certificate,
    ...(holderLine.institutionId ? { institutionId: holderLine.institutionId } : {}),
    ...(holderLine.institutionCode ? { institutionCode: holderLine.institutionCode } : {}),
    holderLocale: holderLine.holderLocale,
  };
}

/**
 * The list after a reissue: the old certificate's line as the API now
 * states it (revoked, replaced by the new one), with the new certificate's
 * line just above it — the same holder, so the same institution and language.
 */
export function withReissue(
  lines: CertificateListEntry[],
  old: Certificate,
  fresh: Certificate,
): CertificateListEntry[] {
  return lines.flatMap((line) => (line.id === old.id ? [asLine(fresh, line), asLine(old, line)] : [line]));
}
