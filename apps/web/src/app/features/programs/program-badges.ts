import type { Program, Seats } from '@skillbridge/contracts';

/** What a program's card says about it at a glance, beside its kind and delivery mode. */
export type ProgramBadge = 'cancelled' | 'ended' | 'full';

/**
 * `cancelled`; `ended` once it is completed or its last day (in its own zone) is before `today`; `full` while
 * it takes enrolments and has no free seat. A program that no longer takes anyone has no seats "left".
 */
export function programBadges(
  program: Pick<Program, 'status' | 'endDate'> & { seats: Pick<Seats, 'available'> },
  today: string,
): ProgramBadge[] {
  if (program.status === 'cancelled') return ['cancelled'];
  if (program.status === 'completed' || program.endDate < today) return ['ended'];
  if (program.status === 'published' && program.seats.available <= 0) return ['full'];
  return [];
}

/** Whether its seats are worth a line ("12 of 40 seats left"): published and not over — never once it ended. */
export function showsSeats(program: Pick<Program, 'status' | 'endDate'>, today: string): boolean {
  return program.status === 'published' && program.endDate >= today;
}
