import { defineScope } from '../../common/auth/record-scope';
import type { Program } from './program.entity';

/** Statuses of programs that trainees and partners can see (drafts and cancelled ones they cannot). */
export const LISTED_STATUSES = ['published', 'completed'];

const openOrPartnerOf = (alias: string, institutionId: string | null) => ({
  where:
    `${alias}.status IN ('published', 'completed') AND (cardinality(${alias}.partner_institution_ids) = 0 OR ` +
    `${alias}.partner_institution_ids @> ARRAY[CAST(:scopeInstitutionId AS uuid)])`,
  params: { scopeInstitutionId: institutionId },
});

/**
 * Who sees which programs: admins all; partners and trainees the published
 * (or completed) ones that are open to everyone or that their institution
 * takes part in; instructors the programs they teach a session of.
 */
export const PROGRAM_SCOPE = defineScope<Program>({
  admin: 'all',
  partner: { sql: (alias, viewer) => openOrPartnerOf(alias, viewer.institutionId) },
  trainee: { sql: (alias, viewer) => openOrPartnerOf(alias, viewer.institutionId) },
  instructor: {
    sql: (alias, viewer) => ({
      where:
        `EXISTS (SELECT 1 FROM sessions s JOIN session_instructors si ON si.session_id = s.id ` +
        `WHERE s.program_id = ${alias}.id AND si.instructor_id = :scopeInstructorId)`,
      params: { scopeInstructorId: viewer.instructorId },
    }),
  },
});
