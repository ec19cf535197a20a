import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import type { Institution, PartnerQuota } from '@skillbridge/contracts';

/** One row of the program form's "Partner quotas": a partner institution and its seats. */
export type QuotaRow = FormGroup<{
  institutionId: FormControl<string>;
  seats: FormControl<number | null>;
}>;

export function quotaRow(quota?: Partial<PartnerQuota>): QuotaRow {
  return new FormGroup({
    institutionId: new FormControl(quota?.institutionId ?? '', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    seats: new FormControl<number | null>(quota?.seats ?? null, {
      validators: [Validators.required, Validators.min(1)],
    }),
  });
}

export function quotaRows(quotas: readonly PartnerQuota[] = []): FormArray<QuotaRow> {
  return new FormArray(quotas.map((quota) => quotaRow(quota)));
}

/** The seats the rows keep for partners (rows without a number count as none). */
export function quotaSum(rows: readonly { seats: number | string | null }[]): number {
  return rows.reduce((sum, row) => {
    const seats = Number(row.seats);
    return sum + (row.seats !== null && row.seats !== '' && Number.isFinite(seats) && seats > 0 ? seats : 0);
  }, 0);
}

/** The seats left to anyone else: never below zero (a sum over the capacity is said as an error instead). */
export function openSeats(capacity: number | string | null, sum: number): number {
  const total = Number(capacity);
  return Number.isFinite(total) ? Math.max(0, total - sum) : 0;
}

/** The institutions a quota row may name: the program's partners once it names some, else every partner. */
export function quotaChoices(
  partners: readonly Institution[],
  partnerInstitutionIds: readonly string[],
): Institution[] {
  return partnerInstitutionIds.length ? partners.filter((p) => partnerInstitutionIds.includes(p.id)) : [...partners];
}

/** The rows as the API takes them. */
export function quotasOf(rows: readonly { institutionId: string; seats: number | string | null }[]): PartnerQuota[] {
  return rows.map((row) => ({ institutionId: row.institutionId, seats: Number(row.seats) }));
}

/**
 * An API field name as the form's controls are reached: `partnerQuotas[1].seats` → `partnerQuotas.1.seats`
 * (FormGroup.get walks dotted paths, array items by index).
 */
export function quotaFieldPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}
