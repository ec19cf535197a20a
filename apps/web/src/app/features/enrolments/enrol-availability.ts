import type { EnrolmentStatus, Program } from '@skillbridge/contracts';

/** Statuses that still hold (or wait for) a place: the trainee may withdraw from these. */
export const ACTIVE_ENROLMENT_STATUSES: readonly EnrolmentStatus[] = [
  'pending',
  'nominated',
  'confirmed',
  'waitlisted',
];

/**
 * Whether a trainee may press "Enrol" on a program, and if not, why:
 * already enrolled (show their status instead), the program is not
 * published, or the enrolment window is not open at `now` (it closes at
 * `enrolmentClosesAt` itself). A withdrawn enrolment does not count: the
 * trainee may enrol again. The API checks the same rules; this only spares
 * people a button that cannot work.
 */
export type EnrolAvailability = 'open' | 'enrolled' | 'not-published' | 'not-yet-open' | 'closed';

export function enrolAvailability(
  program: Pick<Program, 'status' | 'enrolmentOpensAt' | 'enrolmentClosesAt'>,
  current: EnrolmentStatus | null,
  now: Date = new Date(),
): EnrolAvailability {
  if (current && current !== 'withdrawn') return 'enrolled';
  if (program.status !== 'published') return 'not-published';
  const time = now.getTime();
  if (program.enrolmentOpensAt && time < Date.parse(program.enrolmentOpensAt)) return 'not-yet-open';
  if (program.enrolmentClosesAt && time >= Date.parse(program.enrolmentClosesAt)) return 'closed';
  return 'open';
}
