import {
  addDays,
  LOGISTICS_ITEMS,
  PASSPORT_VALIDITY_MONTHS,
  type LogisticsItem,
  type LogisticsWarning,
} from '@skillbridge/contracts';

/** The columns of an enrolment's logistics that say whether an item was given. */
export interface GivenColumns {
  arrivalAt: Date | null;
  departureAt: Date | null;
  passportSealed: string | null;
  passportDeletedAt: Date | null;
  dietarySealed: string | null;
  emergencyPhone: string | null;
  gender: string | null;
}

/**
 * Whether an item was given: travel is both legs; passport the sealed details
 * (or their deletion after the program, which counts as given: it was there);
 * dietary an answer, even "no needs"; the emergency contact; accommodation the
 * gender rooms are planned by.
 */
const GIVEN: Record<LogisticsItem, (l: GivenColumns) => boolean> = {
  travel: (l) => l.arrivalAt !== null && l.departureAt !== null,
  passport: (l) => l.passportSealed !== null || l.passportDeletedAt !== null,
  dietary: (l) => l.dietarySealed !== null,
  emergencyContact: (l) => l.emergencyPhone !== null,
  accommodation: (l) => l.gender !== null,
};

/** The same rules in SQL, over the logistics row `l` (LEFT JOINed: all NULL when there is none). */
const MISSING_SQL: Record<LogisticsItem, (l: string) => string> = {
  travel: (l) => `(${l}.arrival_at IS NULL OR ${l}.departure_at IS NULL)`,
  passport: (l) => `(${l}.passport_sealed IS NULL AND ${l}.passport_deleted_at IS NULL)`,
  dietary: (l) => `${l}.dietary_sealed IS NULL`,
  emergencyContact: (l) => `${l}.emergency_phone IS NULL`,
  accommodation: (l) => `${l}.gender IS NULL`,
};

/** What the program collects and the enrolment has not given, in the catalog's order. */
export function missingItems(collect: readonly LogisticsItem[], given: GivenColumns | null): LogisticsItem[] {
  return LOGISTICS_ITEMS.filter((item) => collect.includes(item) && (!given || !GIVEN[item](given)));
}

/** SQL: whether `item` is missing, over the logistics row `l` and the settings row `s` (`s.collect`). */
export function missingSql(item: LogisticsItem, l = 'l', s = 's'): string {
  return `(coalesce('${item}' = ANY(${s}.collect), FALSE) AND ${MISSING_SQL[item](l)})`;
}

/** SQL: the missing items as a text array (in the catalog's order), over `l` and `s`. */
export function missingArraySql(l = 'l', s = 's'): string {
  return `array_remove(ARRAY[${LOGISTICS_ITEMS.map((item) => `CASE WHEN ${missingSql(item, l, s)} THEN '${item}' END`).join(', ')}]::text[], NULL)`;
}

/** Passports must stay valid six months past the program's end (most ASEAN and Chinese visa rules). */
export function passportWarnings(expiresOn: string | undefined, programEndDate: string): LogisticsWarning[] {
  if (!expiresOn) return [];
  const [year, month, day] = programEndDate.split('-').map(Number);
  const limit = new Date(Date.UTC(year, month - 1 + PASSPORT_VALIDITY_MONTHS, day));
  // A month without that day (31 Aug + 6 months) rolls over; the end of the shorter month is the limit.
  const rolled = limit.getUTCDate() !== day;
  const limitDate = rolled
    ? addDays(limit.toISOString().slice(0, 10), -limit.getUTCDate())
    : limit.toISOString().slice(0, 10);
  return expiresOn < limitDate ? ['PASSPORT_EXPIRES_SOON'] : [];
}
