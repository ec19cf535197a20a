import type { Institution, InstitutionSeats, LocalizedText, Program } from '@skillbridge/contracts';

/** One line of "Seats by institution", with the institution's name when the viewer may read it. */
export interface InstitutionSeatLine extends InstitutionSeats {
  name?: LocalizedText;
  code?: string;
  /** Seats of its quota not yet confirmed (only with a quota). */
  free?: number;
}

/** The seats nobody's quota keeps: open to everyone else (people without an institution, institutions without a quota). */
export interface OpenPool {
  seats: number;
  confirmed: number;
  free: number;
}

export interface SeatsByInstitution {
  lines: InstitutionSeatLine[];
  /** Admins only: a partner sees its own line and the seats its people can still get, never the others' numbers. */
  open: OpenPool | null;
  /** Free seats as the API gives them: the program's for admins; for partner staff, those its people can still get. */
  available: number;
}

/**
 * A program's seats by institution as the viewer may know them (`seats.byInstitution` comes only with
 * `GET /programs/:id`): institutions with a quota first, by name; the open pool is the capacity less every
 * quota, taken by the confirmed people no quota holds.
 */
export function seatsByInstitution(
  program: Pick<Program, 'seats' | 'partnerQuotas'>,
  institutions: readonly Pick<Institution, 'id' | 'name' | 'code'>[],
  name: (text: LocalizedText) => string = (text) => text.en ?? Object.values(text)[0] ?? '',
): SeatsByInstitution | null {
  const byInstitution = program.seats.byInstitution;
  if (!byInstitution) return null;
  const known = new Map(institutions.map((i) => [i.id, i]));
  const lines: InstitutionSeatLine[] = byInstitution.map((line) => {
    const institution = known.get(line.institutionId);
    return {
      ...line,
      ...(institution ? { name: institution.name, code: institution.code } : {}),
      ...(line.quota !== undefined ? { free: Math.max(0, line.quota - line.confirmed) } : {}),
    };
  });
  const label = (line: InstitutionSeatLine) => (line.name ? name(line.name) : (line.code ?? line.institutionId));
  lines.sort(
    (a, b) => Number(b.quota !== undefined) - Number(a.quota !== undefined) || label(a).localeCompare(label(b)),
  );
  const kept = (program.partnerQuotas ?? []).reduce((sum, quota) => sum + quota.seats, 0);
  const inQuotas = lines.reduce((sum, line) => sum + (line.quota !== undefined ? line.confirmed : 0), 0);
  const seats = Math.max(0, program.seats.capacity - kept);
  const open =
    program.seats.scope === 'program'
      ? { seats, confirmed: Math.max(0, program.seats.confirmed - inQuotas), free: 0 }
      : null;
  if (open) open.free = Math.max(0, open.seats - open.confirmed);
  return { lines, open, available: program.seats.available };
}
