import { defineScope } from '../../common/auth/record-scope';
import type { Certificate } from './certificate.entity';

/** Admins see every certificate, partner staff their own institution's trainees', a trainee their own. */
export const CERTIFICATE_SCOPE = defineScope<Certificate>({
  admin: 'all',
  partner: {
    sql: (alias, viewer) => ({
      where: `EXISTS (SELECT 1 FROM trainees ct WHERE ct.id = ${alias}.trainee_id AND ct.institution_id = :scopeInstitutionId)`,
      params: { scopeInstitutionId: viewer.institutionId },
    }),
  },
  trainee: { column: 'traineeId', sqlColumn: 'trainee_id', equals: (viewer) => viewer.traineeId },
  instructor: 'none',
});
