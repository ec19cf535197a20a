import type { LocalizedText } from '@skillbridge/contracts';

/**
 * Everything a certificate's Open Badges credential states, and nothing it
 * would read elsewhere: the certificate's frozen fields (issue 17) plus the
 * holder's e-mail (hashed with the salt) and the completion basis. The
 * credential is built from this alone (open-badge.ts).
 */
export interface CredentialInput {
  certificateId: string;
  serial: string;
  /** The issue instant: the credential's `validFrom`. */
  issuedAt: Date;
  validUntil: Date | null;
  holderName: string;
  holderNameLatin: string | null;
  /** `sha256$<hex>` of the holder's e-mail at issue followed by `salt`: the subject's identifier (never the e-mail). */
  identityHash: string;
  salt: string;
  programId: string;
  programCode: string;
  /** In every language the program has: the credential speaks those languages. */
  programTitle: LocalizedText;
  /** Calendar dates, `YYYY-MM-DD`. */
  startDate: string;
  endDate: string;
  /** Scheduled hours of the program's sessions (the same for every trainee). */
  hours: number;
  issuer: { institutionId: string; name: LocalizedText };
  completion: {
    minAttendanceRate: number;
    passingScore: number | null;
    /** Null when the program had no sessions (the rule then asks no attendance). */
    attendanceRate: number | null;
    score: number | null;
  };
  status: { listId: string; index: number };
}
