import { defineScope } from '../../common/auth/record-scope';
import type { Trainee } from './trainee.entity';

/** Admins see every trainee, partner staff their own institution's, a trainee themself; instructors none here. */
export const TRAINEE_SCOPE = defineScope<Trainee>({
  admin: 'all',
  partner: { column: 'institutionId', sqlColumn: 'institution_id', equals: (viewer) => viewer.institutionId },
  trainee: { column: 'id', sqlColumn: 'id', equals: (viewer) => viewer.traineeId },
  instructor: 'none',
});
