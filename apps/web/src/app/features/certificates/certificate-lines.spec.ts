import type { Certificate, CertificateListEntry } from '@skillbridge/contracts';
import { withReissue } from './certificate-lines';

const base: Certificate = {
  id: 'c1',
  serial: 'SB-2026-000164',
  verificationCode: '7KQ4M9TX2WHPCV3RBN8DGZ6E',
  enrolmentId: 'e1',
  traineeId: 't1',
  programId: 'p1',
  issuedAt: '2026-03-06T09:00:00Z',
  status: 'issued',
  holderName: 'Somsri Meesok',
  programCode: 'TRPC-TH-2026-03',
  programTitle: { en: 'Smart agriculture camp' },
  startDate: '2026-03-02',
  endDate: '2026-03-06',
  timeZone: 'Asia/Shanghai',
  hours: 24,
  topics: [],
  completion: { minAttendanceRate: 0.75, attendanceRate: 1 },
  issuer: { institutionId: 'i0', name: { en: 'Tongren Polytechnic College' } },
};
const line = (certificate: Certificate): CertificateListEntry => ({
  ...certificate,
  institutionId: 'i1',
  institutionCode: 'RMUTT',
  holderLocale: 'th',
});

describe('withReissue', () => {
  it('puts the new certificate above the old one, which now says it was replaced', () => {
    const other = line({ ...base, id: 'c0', serial: 'SB-2026-000100' });
    // The old one had been revoked already (a revoked certificate can be reissued): the new one must not inherit that.
    const before = [
      other,
      line({ ...base, status: 'revoked', revokedReason: 'Wrong name', revokedAt: '2026-03-07T01:00:00Z' }),
    ];
    const old: Certificate = {
      ...base,
      status: 'revoked',
      revokedReason: 'Wrong name',
      revokedAt: '2026-03-07T01:00:00Z',
      replacedBy: { id: 'c2', serial: 'SB-2026-000170' },
    };
    const fresh: Certificate = {
      ...base,
      id: 'c2',
      serial: 'SB-2026-000170',
      holderName: 'Somsri Meesuk',
      issuedAt: '2026-03-08T02:00:00Z',
      replaces: { id: 'c1', serial: 'SB-2026-000164' },
    };

    const after = withReissue(before, old, fresh);

    expect(after.map((l) => l.serial)).toEqual(['SB-2026-000100', 'SB-2026-000170', 'SB-2026-000164']);
    expect(after[1]).toEqual({ ...fresh, institutionId: 'i1', institutionCode: 'RMUTT', holderLocale: 'th' });
    expect(after[1].revokedReason).toBeUndefined();
    expect(after[1].replacedBy).toBeUndefined();
    expect(after[2]).toEqual({ ...old, institutionId: 'i1', institutionCode: 'RMUTT', holderLocale: 'th' });
    expect(before).toHaveLength(2);
  });
});
