import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ATTENDANCE_RULE_MAX_GRACE_MINUTES,
  DEFAULT_ATTENDANCE_RULE,
  DELIVERY_MODES,
  PROGRAM_CODE_PATTERN,
  PROGRAM_KINDS,
  isTimeZone,
  wallTimeToInstant,
  zonedDate,
  zonedTime,
  type AttendanceRule,
  type CreateProgramRequest,
  type DeliveryMode,
  type Institution,
  type ProgramKind,
} from '@skillbridge/contracts';
import { firstValueFrom, map, startWith } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { DateTimeInputComponent } from '../../shared/forms/date-time/date-time-input.component';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import {
  LocalizedTextInputComponent,
  localizedTextForm,
  localizedTextValue,
} from '../../shared/forms/localized-text-input.component';
import { applyServerErrors, clearServerErrors } from '../../shared/forms/server-errors';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ProgramsApi } from '../programs/programs.api';
import { AdminApi } from './admin.api';
import { openSeats, quotaChoices, quotaFieldPath, quotaRow, quotaRows, quotaSum, quotasOf } from './partner-quotas';

const timeZone = (control: AbstractControl): ValidationErrors | null =>
  !control.value || isTimeZone(control.value) ? null : { timeZone: true };
const wholeNumber = (control: AbstractControl): ValidationErrors | null =>
  control.value === null || control.value === '' || Number.isInteger(Number(control.value)) ? null : { integer: true };
/** A percentage the API can keep as a rate of three decimals: at most one decimal. */
export const percentOneDecimal = (control: AbstractControl): ValidationErrors | null =>
  control.value === null || control.value === '' || /^-?\d+(\.\d)?$/.test(String(control.value))
    ? null
    : { decimals: { max: 1 } };

/** The attendance rule as the form shows it (a percentage) ↔ as the API keeps it (a rate 0..1). */
export function attendanceRuleFields(rule: AttendanceRule | undefined): {
  presentPercent: number;
  graceMinutes: number;
} {
  const { minMinutesPresentRate, graceMinutes } = rule ?? DEFAULT_ATTENDANCE_RULE;
  return { presentPercent: Math.round(minMinutesPresentRate * 1000) / 10, graceMinutes };
}
export function attendanceRuleOf(v: {
  presentPercent: number | string;
  graceMinutes: number | string;
}): AttendanceRule {
  // Rounded to the API's three decimals: 72.5 % is 0.725, not 0.7250000000000001.
  return {
    minMinutesPresentRate: Math.round(Number(v.presentPercent) * 10) / 1000,
    graceMinutes: Number(v.graceMinutes),
  };
}

/** `2024-09-03T09:00` (a datetime-local value) in the program's zone ↔ an instant. */
function toInstant(local: string, zone: string): string | null {
  return local && isTimeZone(zone)
    ? wallTimeToInstant(local.slice(0, 10), local.slice(11, 16), zone).toISOString()
    : null;
}
function toLocal(instant: string | undefined, zone: string): string {
  return instant ? `${zonedDate(instant, zone)}T${zonedTime(instant, zone)}` : '';
}

/** Create (`/admin/programs/new`) or edit (`/admin/programs/:id/edit`) a camp or course. */
@Component({
  selector: 'sb-program-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldErrorComponent,
    LocalizedTextInputComponent,
    LocalizedPipe,
    DateInputComponent,
    DateTimeInputComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-form.page.html',
  styleUrl: './program-form.page.css',
})
export class ProgramFormPage implements OnInit {
  private readonly programs = inject(ProgramsApi);
  private readonly admin = inject(AdminApi);
  private readonly router = inject(Router);

  readonly id = input<string>();

  protected readonly kinds = PROGRAM_KINDS;
  protected readonly modes = DELIVERY_MODES;
  protected readonly zones = Intl.supportedValuesOf('timeZone');
  protected readonly maxGraceMinutes = ATTENDANCE_RULE_MAX_GRACE_MINUTES;

  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(PROGRAM_CODE_PATTERN)],
    }),
    kind: new FormControl<ProgramKind>('course', { nonNullable: true }),
    title: localizedTextForm(),
    summary: localizedTextForm({}, 2000, false),
    deliveryMode: new FormControl<DeliveryMode>('online', { nonNullable: true }),
    timezone: new FormControl('Asia/Shanghai', { nonNullable: true, validators: [Validators.required, timeZone] }),
    startDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    endDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    venue: new FormControl('', { nonNullable: true }),
    meetingUrl: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^https?:\/\/\S+$/)] }),
    capacity: new FormControl(30, { nonNullable: true, validators: [Validators.required, Validators.min(1)] }),
    enrolmentOpensAt: new FormControl('', { nonNullable: true }),
    enrolmentClosesAt: new FormControl('', { nonNullable: true }),
    hostInstitutionId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    partnerInstitutionIds: new FormControl<string[]>([], { nonNullable: true }),
    minAttendancePercent: new FormControl(75, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0), Validators.max(100)],
    }),
    passingScore: new FormControl<number | null>(null, { validators: [Validators.min(0), Validators.max(100)] }),
    /** The attendance rule of meeting reports and QR check-in: present at this % of the session's minutes… */
    presentPercent: new FormControl(attendanceRuleFields(undefined).presentPercent, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(0), Validators.max(100), percentOneDecimal],
    }),
    /** …and late after the start + these minutes. */
    graceMinutes: new FormControl(attendanceRuleFields(undefined).graceMinutes, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(0),
        Validators.max(ATTENDANCE_RULE_MAX_GRACE_MINUTES),
        wholeNumber,
      ],
    }),
    /** Empty: certificates of the program do not expire. */
    certificateValidityMonths: new FormControl<number | null>(null, {
      validators: [Validators.min(1), Validators.max(240), wholeNumber],
    }),
    /** Seats kept for partner institutions; the rest of the capacity is open to anyone else. */
    partnerQuotas: quotaRows(),
    /** The host office accepts each person a partner nominates. */
    hostReview: new FormControl(false, { nonNullable: true }),
  });
  /** The form's value as a signal, for the quota sums and the institutions a quota may name. */
  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { initialValue: this.form.getRawValue() },
  );
  protected readonly quotaTotal = computed(() => quotaSum(this.value().partnerQuotas));
  protected readonly openToOthers = computed(() => openSeats(this.value().capacity, this.quotaTotal()));
  protected readonly overCapacity = computed(() => this.quotaTotal() > Number(this.value().capacity));

  private readonly institutions = toSignal(this.admin.institutions({ limit: 200 }).pipe(map((page) => page.items)), {
    initialValue: [] as Institution[],
  });
  protected readonly hosts = computed(() => this.institutions().filter((i) => i.kind === 'host'));
  protected readonly partners = computed(() => this.institutions().filter((i) => i.kind === 'partner'));
  /** The institutions a quota may name: the program's partners when it names some, else every partner. */
  protected readonly quotaInstitutions = computed(() =>
    quotaChoices(this.partners(), this.value().partnerInstitutionIds),
  );

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly saved = signal(false);

  async ngOnInit(): Promise<void> {
    const id = this.id();
    if (!id) return;
    const program = await firstValueFrom(this.programs.get(id));
    this.form.patchValue({
      code: program.code,
      kind: program.kind,
      deliveryMode: program.deliveryMode,
      timezone: program.timezone,
      startDate: program.startDate,
      endDate: program.endDate,
      venue: program.venue ?? '',
      meetingUrl: program.meetingUrl ?? '',
      capacity: program.capacity,
      enrolmentOpensAt: toLocal(program.enrolmentOpensAt, program.timezone),
      enrolmentClosesAt: toLocal(program.enrolmentClosesAt, program.timezone),
      hostInstitutionId: program.hostInstitutionId,
      partnerInstitutionIds: program.partnerInstitutionIds,
      minAttendancePercent: Math.round(program.completionRule.minAttendanceRate * 100),
      passingScore: program.completionRule.passingScore ?? null,
      certificateValidityMonths: program.completionRule.certificateValidityMonths ?? null,
      ...attendanceRuleFields(program.attendanceRule),
    });
    this.form.controls.partnerQuotas.clear();
    for (const quota of program.partnerQuotas ?? []) this.form.controls.partnerQuotas.push(quotaRow(quota));
    this.form.controls.hostReview.setValue(program.hostReview ?? false);
    this.form.controls.title.patchValue({ en: '', zh: '', th: '', ms: '', ...program.title });
    this.form.controls.summary.patchValue({ en: '', zh: '', th: '', ms: '', ...program.summary });
  }

  protected addQuota(): void {
    this.form.controls.partnerQuotas.push(quotaRow());
    // The new row's picker takes the focus, so keyboard users carry on where the row appeared.
    const index = this.form.controls.partnerQuotas.length - 1;
    setTimeout(() => document.getElementById(`p-quota-${index}-institution`)?.focus());
  }

  protected removeQuota(index: number): void {
    this.form.controls.partnerQuotas.removeAt(index);
    setTimeout(() => document.getElementById('p-quota-add')?.focus());
  }

  /** A row's choices: the allowed institutions, and the one it names even when no longer allowed (the API says why). */
  protected quotaOptions(index: number): Institution[] {
    const chosen = this.value().partnerQuotas[index]?.institutionId;
    const allowed = this.quotaInstitutions();
    const extra = this.partners().find((p) => p.id === chosen && !allowed.includes(p));
    return extra ? [...allowed, extra] : allowed;
  }

  /** An institution another row already names: one quota per institution. */
  protected takenElsewhere(institutionId: string, index: number): boolean {
    return this.value().partnerQuotas.some((row, i) => i !== index && row.institutionId === institutionId);
  }

  protected togglePartner(id: string, checked: boolean): void {
    const current = this.form.controls.partnerInstitutionIds.value;
    this.form.controls.partnerInstitutionIds.setValue(checked ? [...current, id] : current.filter((p) => p !== id));
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    this.saved.set(false);
    // The API's last word on a field holds until it is asked again: a quota sum over the capacity may be
    // mended by a larger capacity, which leaves the quota rows as they were.
    clearServerErrors(this.form);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const summary = localizedTextValue(this.form.controls.summary);
    const editing = Boolean(this.id());
    // When editing, an emptied optional field is sent as null, which clears it.
    const optional = <T>(value: T | null | undefined | '') =>
      value === '' || value === null || value === undefined ? (editing ? null : undefined) : value;
    const body = {
      code: v.code.trim().toUpperCase(),
      kind: v.kind,
      title: localizedTextValue(this.form.controls.title),
      summary: Object.keys(summary).length ? summary : optional(null),
      deliveryMode: v.deliveryMode,
      timezone: v.timezone,
      startDate: v.startDate,
      endDate: v.endDate,
      venue: optional(v.venue.trim()),
      meetingUrl: optional(v.meetingUrl.trim()),
      capacity: Number(v.capacity),
      enrolmentOpensAt: optional(toInstant(v.enrolmentOpensAt, v.timezone)),
      enrolmentClosesAt: optional(toInstant(v.enrolmentClosesAt, v.timezone)),
      hostInstitutionId: v.hostInstitutionId,
      partnerInstitutionIds: v.partnerInstitutionIds,
      completionRule: {
        minAttendanceRate: Number(v.minAttendancePercent) / 100,
        ...(v.passingScore !== null && String(v.passingScore) !== '' ? { passingScore: Number(v.passingScore) } : {}),
        // Left out, the rule has no validity period: an edit that empties the field removes it.
        ...(v.certificateValidityMonths !== null && String(v.certificateValidityMonths) !== ''
          ? { certificateValidityMonths: Number(v.certificateValidityMonths) }
          : {}),
      },
      attendanceRule: attendanceRuleOf(v),
      partnerQuotas: quotasOf(v.partnerQuotas),
      hostReview: v.hostReview,
    } as CreateProgramRequest;
    this.busy.set(true);
    try {
      const id = this.id();
      const program = id
        ? await firstValueFrom(this.programs.update(id, body))
        : await firstValueFrom(this.programs.create(body));
      if (id) this.saved.set(true);
      else await this.router.navigate(['/admin/programs', program.id, 'schedule']);
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, this.renameFields(problem));
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }

  /** The API's field names, mapped to this form's where they differ. */
  private renameFields(problem: ReturnType<typeof problemOf>) {
    return {
      ...problem,
      errors: problem.errors?.map((e) => ({
        ...e,
        field: e.field.startsWith('partnerInstitutionIds')
          ? 'partnerInstitutionIds'
          : e.field.startsWith('partnerQuotas')
            ? quotaFieldPath(e.field)
            : e.field === 'completionRule.minAttendanceRate'
              ? 'minAttendancePercent'
              : e.field === 'completionRule.passingScore'
                ? 'passingScore'
                : e.field === 'completionRule.certificateValidityMonths'
                  ? 'certificateValidityMonths'
                  : e.field === 'attendanceRule.minMinutesPresentRate' || e.field === 'attendanceRule'
                    ? 'presentPercent'
                    : e.field === 'attendanceRule.graceMinutes'
                      ? 'graceMinutes'
                      : e.field,
      })),
    };
  }
}
