/**
 * Matching a meeting report's people to the register's trainees: by e-mail first (case-insensitive), else by
 * name in either script. Names compare without accents, case, punctuation or extra spaces, and — for names of
 * several words — in any word order ("NGUYEN Van An" = "Nguyễn Văn An" = "An Nguyen Van").
 */

/** A name reduced for comparison: no accents (đ → d too), lower case, single spaces, no punctuation. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key two names share when they are the same name: its words sorted (a name without spaces, such as Chinese, as it is). */
export function nameKey(name: string): string {
  return normaliseName(name).split(' ').filter(Boolean).sort().join(' ');
}

/** Report names often carry an addition in parentheses ("An Nguyen (Guest)", Zoom's "Name (Original Name)"). */
function variants(name: string): string[] {
  const out = [name];
  const inner = /^(.*?)\s*[(（]([^()（）]*)[)）]\s*$/u.exec(name);
  if (inner) out.push(inner[1], inner[2]);
  return out.filter((v) => v.trim() !== '');
}

export interface Candidate {
  traineeId: string;
  fullName: string;
  fullNameLatin?: string | null;
  email?: string | null;
  userEmail?: string | null;
}

export type MatchOutcome =
  { kind: 'email' | 'name'; trainee: Candidate } | { kind: 'ambiguous'; candidates: Candidate[] } | { kind: 'none' };

/** Finds the trainee a person of the report is. */
export function matchPerson(person: { name: string; email?: string }, trainees: readonly Candidate[]): MatchOutcome {
  const email = person.email?.trim().toLowerCase();
  if (email) {
    const byEmail = trainees.filter((t) => t.email?.toLowerCase() === email || t.userEmail?.toLowerCase() === email);
    if (byEmail.length === 1) return { kind: 'email', trainee: byEmail[0] };
  }
  const keys = new Set(variants(person.name).map(nameKey).filter(Boolean));
  const byName = trainees.filter((t) => [t.fullName, t.fullNameLatin].some((n) => n && keys.has(nameKey(n))));
  if (byName.length === 1) return { kind: 'name', trainee: byName[0] };
  if (byName.length > 1) return { kind: 'ambiguous', candidates: byName };
  return { kind: 'none' };
}
