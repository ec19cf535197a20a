import { defineScope } from '../../common/auth/record-scope';
import type { Enrolment } from './enrolment.entity';

/**
 * Who sees which enrolments: admins all; partner staff those of their own
 * institution's trainees; a trainee their own; an instructor those of the
 * programs they teach.
 */
export const ENROLMENT_SCOPE = defineScope<Enrolment>({
  admin: 'all',
  partner: {
    sql: (alias, viewer) => ({
      where: `EXISTS (SELECT 1 FROM trainees st WHERE st.id = ${alias}.trainee_id AND st.institution_id = :scopeInstitutionId)`,
      params: { scopeInstitutionId: viewer.institutionId },
    }),
  },
  trainee: { column: 'traineeId', sqlColumn: 'trainee_id', equals: (viewer) => viewer.traineeId },
  instructor: {
    sql: (alias, viewer) => ({
      where:
        `EXISTS (SELECT 1 FROM sessions ss JOIN session_instructors si ON si.session_id = ss.id ` +
        `WHERE ss.program_id = ${alias}.program_id AND si.instructor_id = :scopeInstructorId)`,
      params: { scopeInstructorId: viewer.instructorId },
    }),
  },
});
