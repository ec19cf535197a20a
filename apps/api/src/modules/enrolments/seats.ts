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
  /** The partners' quotas (institution id → seats), read under the same lock: quotas change only under it. */
  quotas: Map<string, number>;
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
            enrolment_opens_at AS "enrolmentOpensAt", enrolment_closes_at AS "enrolmentClosesAt",
            (SELECT coalesce(json_agg(json_build_array(q.institution_id, q.seats)), '[]')
               FROM program_quotas q WHERE q.program_id = programs.id) AS quotas
       FROM programs WHERE id = $1 FOR UPDATE`,
    [programId],
  )) as (Omit<LockedProgram, 'quotas'> & { quotas: [string, number][] })[];
  if (!rows[0]) return null;
  return { ...rows[0], quotas: new Map(rows[0].quotas) };
}

/**
 * The pool a trainee's seat comes from: their institution's quota when it has one, else the open pool (`null`)
 * that everyone else shares — people of other institutions and of none.
 */
export function poolOf(program: LockedProgram, institutionId: string | null | undefined): string | null {
  return institutionId && program.quotas.has(institutionId) ? institutionId : null;
}

/** The pool's seats: its quota, or for the open pool what the quotas leave of the capacity. */
function poolSeats(program: LockedProgram, pool: string | null): number {
  if (pool !== null) return program.quotas.get(pool) ?? 0;
  let quotas = 0;
  for (const seats of program.quotas.values()) quotas += seats;
  return Math.max(program.capacity - quotas, 0);
}

/**
 * Confirmed people per pool, counted now (under the program's lock) from the enrolments and their trainees'
 * institutions; the open pool under `null`. Without quotas everyone is in the open pool: the counter does.
 */
async function confirmedByPool(manager: EntityManager, program: LockedProgram): Promise<Map<string | null, number>> {
  if (program.quotas.size === 0) return new Map([[null, program.confirmed]]);
  const rows = (await manager.query(
    `SELECT CASE WHEN t.institution_id = ANY($2::uuid[]) THEN t.institution_id END AS pool, count(*)::int AS confirmed
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
      WHERE e.program_id = $1 AND e.status = 'confirmed'
      GROUP BY 1`,
    [program.id, [...program.quotas.keys()]],
  )) as { pool: string | null; confirmed: number }[];
  return new Map(rows.map((r) => [r.pool, r.confirmed]));
}

/** Free seats of a pool: its own rest, bounded by the program's (a quota's seats may have been lent out). */
function freeIn(program: LockedProgram, pool: string | null, confirmed: Map<string | null, number>): number {
  const own = poolSeats(program, pool) - (confirmed.get(pool) ?? 0);
  return Math.max(Math.min(own, program.capacity - program.confirmed), 0);
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

/**
 * Where a decided enrolment of a trainee of `institutionId` goes: a seat when their pool (their partner's quota,
 * or the open seats) has a free one and the program too, else the end of their pool's wait-list. Call with the
 * program's row locked.
 */
export async function placeFor(
  manager: EntityManager,
  program: LockedProgram,
  institutionId: string | null | undefined,
): Promise<'confirmed' | 'waitlisted'> {
  if (program.confirmed >= program.capacity) return 'waitlisted';
  const pool = poolOf(program, institutionId);
  return freeIn(program, pool, await confirmedByPool(manager, program)) > 0 ? 'confirmed' : 'waitlisted';
}

/** The oldest `limit` wait-listed of a pool move to a seat; the program's counters move with them. */
async function promote(
  manager: EntityManager,
  program: LockedProgram,
  pool: string | null,
  limit: number,
): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = (await manager.query(
    `WITH promoted AS (
       UPDATE enrolments SET status = 'confirmed', decided_at = now(), updated_at = now()
        WHERE id IN (SELECT e.id FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
                      WHERE e.program_id = $1 AND e.status = 'waitlisted'
                        AND (CASE WHEN $2::uuid IS NULL
                                  THEN t.institution_id IS NULL OR NOT (t.institution_id = ANY($3::uuid[]))
                                  ELSE t.institution_id = $2::uuid END)
                      ORDER BY e.waitlisted_at, e.id
                      LIMIT $4)
       RETURNING id, waitlisted_at
     ), counted AS (
       UPDATE programs SET confirmed_count = confirmed_count + (SELECT count(*) FROM promoted),
                           waitlisted_count = waitlisted_count - (SELECT count(*) FROM promoted)
        WHERE id = $1
     )
     SELECT id FROM promoted ORDER BY waitlisted_at, id`,
    [program.id, pool, [...program.quotas.keys()], limit],
  )) as { id: string }[];
  program.confirmed += rows.length;
  return rows.map((r) => r.id);
}

/**
 * Gives free seats to the oldest wait-listed enrolments (after a withdrawal, or when the capacity or the quotas
 * change), pool by pool: each partner's free quota seats to its own wait-list, the open seats to the open pool's.
 * `freedIn` names the quota a confirmed person just left: when nobody of that partner waits, that seat goes to the
 * open pool's oldest instead of staying empty. Call with the program's row locked (`program` as lockProgram read
 * it; its `confirmed` follows). Returns the ids of the promoted enrolments, oldest first.
 */
export async function fillSeats(
  manager: EntityManager,
  program: LockedProgram,
  freedIn: string | null = null,
): Promise<string[]> {
  if (program.status !== 'published') return [];
  const promoted: string[] = [];
  let ownPromoted = 0;
  let confirmed = await confirmedByPool(manager, program);
  for (const pool of [...program.quotas.keys()].sort()) {
    const ids = await promote(manager, program, pool, freeIn(program, pool, confirmed));
    if (pool === freedIn) ownPromoted = ids.length;
    promoted.push(...ids);
  }
  if (promoted.length) confirmed = await confirmedByPool(manager, program);
  promoted.push(...(await promote(manager, program, null, freeIn(program, null, confirmed))));
  if (freedIn !== null && program.quotas.has(freedIn) && ownPromoted === 0) {
    // Nobody of that partner waits: the seat its person left goes to the open pool's oldest, not to waste.
    const stillFree = freeIn(program, freedIn, await confirmedByPool(manager, program));
    promoted.push(...(await promote(manager, program, null, Math.min(1, stillFree))));
  }
  return promoted;
}
