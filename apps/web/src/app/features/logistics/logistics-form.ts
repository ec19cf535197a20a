import type { FormGroup } from '@angular/forms';
import {
  wallTimeToInstant,
  zonedDate,
  zonedTime,
  type EnrolmentLogistics,
  type LogisticsItem,
  type LogisticsStatusEntry,
  type ProblemDocument,
  type SensitivePurpose,
  type TravelLeg,
} from '@skillbridge/contracts';

/** Who fills in the form: the person themselves, or staff for them (consents then come on paper). */
export type LogisticsArea = 'trainee' | 'partner' | 'admin';

/** A travel leg as the form holds it: the time as a wall time (`YYYY-MM-DDTHH:mm`) in the program's zone. */
export interface TravelLegForm {
  at: string;
  carrier: string;
  number: string;
  point: string;
}

export const EMPTY_LEG: TravelLegForm = { at: '', carrier: '', number: '', point: '' };

export function legToForm(leg: TravelLeg | undefined, timeZone: string): TravelLegForm {
  if (!leg) return { ...EMPTY_LEG };
  return {
    at: `${zonedDate(leg.at, timeZone)}T${zonedTime(leg.at, timeZone)}`,
    carrier: leg.carrier ?? '',
    number: leg.number ?? '',
    point: leg.point ?? '',
  };
}

/** The leg to send: `null` (cleared) when nothing is filled in; the wall time read in the program's zone. */
export function formToLeg(value: TravelLegForm, timeZone: string): TravelLeg | null {
  const carrier = value.carrier.trim();
  const number = value.number.trim();
  const point = value.point.trim();
  if (!value.at) return null;
  return {
    at: wallTimeToInstant(value.at.slice(0, 10), value.at.slice(11, 16), timeZone).toISOString(),
    ...(carrier ? { carrier } : {}),
    ...(number ? { number } : {}),
    ...(point ? { point } : {}),
  };
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all (the API checks the number itself). */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** Whether the person's consent for this purpose is already on record. */
export function hasConsent(logistics: EnrolmentLogistics, purpose: SensitivePurpose): boolean {
  return logistics.consents.some((consent) => consent.purpose === purpose);
}

/** A letter can be downloaded once the program collects passports and the passport data is complete. */
export function letterAvailable(logistics: EnrolmentLogistics): boolean {
  return (
    logistics.settings.collect.includes('passport') && !!logistics.passport && !logistics.missing.includes('passport')
  );
}

/**
 * The API names fields from the request's root (`passport.number`); a section's form holds them
 * relative to itself (`number`) unless it keeps the section's name (travel keeps `arrival.at`).
 */
export function sectionProblem(problem: ProblemDocument, prefix: string | null): ProblemDocument {
  if (!prefix) return problem;
  return {
    ...problem,
    errors: problem.errors?.map((error) =>
      error.field.startsWith(`${prefix}.`) ? { ...error, field: error.field.slice(prefix.length + 1) } : error,
    ),
  };
}

/** Trims every string of a form's value. */
export function trimmed(form: FormGroup, name: string): string {
  return String(form.get(name)?.value ?? '').trim();
}

export interface DayCount {
  /** `YYYY-MM-DD` in the program's zone. */
  date: string;
  count: number;
}

/** Arrivals per local day of the program's zone, in date order (days without arrivals left out). */
export function arrivalsPerDay(
  entries: readonly Pick<LogisticsStatusEntry, 'arrivalAt'>[],
  timeZone: string,
): DayCount[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.arrivalAt) continue;
    const day = zonedDate(entry.arrivalAt, timeZone);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
}

/** The order items are listed in everywhere (as in the contract). */
export function orderedItems(items: readonly LogisticsItem[], all: readonly LogisticsItem[]): LogisticsItem[] {
  return all.filter((item) => items.includes(item));
}
