import type { EnrolmentStatus } from '@skillbridge/contracts';
import type { EntityManager } from 'typeorm';

/** The program row as enrolment changes need it, read under its row lock. */
export interface LockedProgram {
  id: string;
  code: string;
  status: string;
  capacity: number;
  confirmed: number;
  hostReview: boolean;
  enrolmentOpensAt: Date | null;
  enrolmentClosesAt: Date | null;
}

/**
 * Locks the program's row for the rest of the transaction. Every change of an
 * enrolment's status takes this lock first, so changes to one program's seats
 * happen one after another — whatever arrives at once — while other programs
 * are not held up. The CHECK on programs.confirmed_count <= capacity stays as
 * the last line of defence.
 */
export async function lockProgram(manager: EntityManager, programId: string): Promise<LockedProgram | null> {
  const rows = (await manager.query(
    `SELECT id, code, status, capacity, confirmed_count AS confirmed, host_review AS "hostReview",
            enrolment_opens_at AS "enrolmentOpensAt", enrolment_closes_at AS "enrolmentClosesAt"
       FROM programs WHERE id = $1 FOR UPDATE`,
    [programId],
  )) as LockedProgram[];
  return rows[0] ?? null;
}

const COUNTER: Partial<Record<EnrolmentStatus, string>> = {
  confirmed: 'confirmed_count',
  waitlisted: 'waitlisted_count',
  pending: 'pending_count',
  nominated: 'nominated_count',
};

/** Moves the program's counters for one enrolment going from `from` (or nowhere) to `to`. */
export async function moveSeat(
  manager: EntityManager,
  program: LockedProgram,
  from: EnrolmentStatus | null,
  to: EnrolmentStatus,
): Promise<void> {
  const changes = new Map<string, number>();
  const fromColumn = from ? COUNTER[from] : undefined;
  const toColumn = COUNTER[to];
  if (fromColumn) changes.set(fromColumn, (changes.get(fromColumn) ?? 0) - 1);
  if (toColumn) changes.set(toColumn, (changes.get(toColumn) ?? 0) + 1);
  const set = [...changes].filter(([, delta]) => delta !== 0);
  if (set.length === 0) return;
  await manager.query(
    `UPDATE programs SET ${set.map(([column, delta]) => `${column} = ${column} + (${delta})`).join(', ')} WHERE id = $1`,
    [program.id],
  );
  if (from === 'confirmed') program.confirmed -= 1;
  if (to === 'confirmed') program.confirmed += 1;
}

/** Where a decided enrolment goes: a free seat, or the end of the wait-list. */
export function placeFor(program: LockedProgram): 'confirmed' | 'waitlisted' {
  return program.confirmed < program.capacity ? 'confirmed' : 'waitlisted';
}

/**
 * Gives free seats to the oldest wait-listed enrolments (after a withdrawal,
 * or when the capacity grows). Call with the program's row locked. Returns
 * the ids of the promoted enrolments.
 */
export async function fillSeats(manager: EntityManager, programId: string): Promise<string[]> {
  const rows = (await manager.query(
    `WITH free AS (
       SELECT GREATEST(capacity - confirmed_count, 0) AS seats FROM programs WHERE id = $1 AND status = 'published'
     ), promoted AS (
       UPDATE enrolments SET status = 'confirmed', decided_at = now(), updated_at = now()
        WHERE id IN (SELECT id FROM enrolments
                      WHERE program_id = $1 AND status = 'waitlisted'
                      ORDER BY waitlisted_at, id
                      LIMIT (SELECT coalesce(max(seats), 0) FROM free))
       RETURNING id
     ), counted AS (
       UPDATE programs SET confirmed_count = confirmed_count + (SELECT count(*) FROM promoted),
                           waitlisted_count = waitlisted_count - (SELECT count(*) FROM promoted)
        WHERE id = $1
     )
     SELECT id FROM promoted`,
    [programId],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}
