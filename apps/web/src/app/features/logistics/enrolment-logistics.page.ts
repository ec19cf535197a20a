import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  DIETARY_NEEDS,
  LOGISTICS_GENDERS,
  LOGISTICS_NOTICE_VERSION,
  LOGISTICS_TEXT_MAX_LENGTH,
  type CountryCode,
  type DietaryNeed,
  type EnrolmentLogistics,
  type LogisticsGender,
  type Program,
  type SensitivePurpose,
  type UpdateEnrolmentLogisticsRequest,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf, problemOfDownload } from '../../core/http/problem';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { DateTimeInputComponent } from '../../shared/forms/date-time/date-time-input.component';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors, clearServerErrors } from '../../shared/forms/server-errors';
import { warnBeforeUnload, type HasUnsavedChanges } from '../../shared/forms/unsaved-changes.guard';
import { CountryNames } from '../../shared/i18n/countries';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ZoneNamePipe } from '../../shared/time/zone-name.pipe';
import { ProgramsApi } from '../programs/programs.api';
import { LogisticsApi } from './logistics.api';
import {
  E164_PATTERN,
  EMPTY_LEG,
  formToLeg,
  hasConsent,
  legToForm,
  letterAvailable,
  sectionProblem,
  type LogisticsArea,
} from './logistics-form';

type Section = 'travel' | 'passport' | 'dietary' | 'gender' | 'emergencyContact';

interface SectionState {
  saving: boolean;
  saved: boolean;
  /** An error the fields do not show: its code, and the API's words when they say more. */
  failure: { code: string; detail?: string } | null;
}

const IDLE: SectionState = { saving: false, saved: false, failure: null };

const text = (max = LOGISTICS_TEXT_MAX_LENGTH) =>
  new FormControl('', { nonNullable: true, validators: [Validators.maxLength(max)] });
const required = (max = LOGISTICS_TEXT_MAX_LENGTH) =>
  new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(max)] });

function legGroup() {
  return new FormGroup({
    at: new FormControl('', { nonNullable: true }),
    carrier: text(),
    number: text(),
    point: text(),
  });
}

/** A phone number in E.164, said in this page's own words. */
function e164(control: AbstractControl) {
  const value = String(control.value ?? '').trim();
  return !value || E164_PATTERN.test(value) ? null : { phone: { key: 'logistics.contact.phoneInvalid' } };
}

/** Carrier, number or point without a time: the time is what the pick-up needs. */
function legNeedsTime(group: AbstractControl) {
  const { at, carrier, number, point } = group.value as Record<string, string>;
  return !at && (carrier?.trim() || number?.trim() || point?.trim())
    ? { legTime: { key: 'logistics.travel.timeRequired' } }
    : null;
}

/**
 * "Travel and stay" of one enrolment: the trainee's own (phone first), or filled in for them by their
 * partner or an admin. Each section saves on its own; passport and dietary data wait behind the
 * person's consent for that purpose (in the app, or on paper when staff record it).
 */
@Component({
  selector: 'sb-enrolment-logistics-page',
  imports: [
    ReactiveFormsModule,
    NgTemplateOutlet,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CalendarDatePipe,
    ZoneNamePipe,
    DateInputComponent,
    DateTimeInputComponent,
    FieldErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './enrolment-logistics.page.html',
  styleUrl: './enrolment-logistics.page.css',
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
})
export class EnrolmentLogisticsPage implements HasUnsavedChanges {
  private readonly api = inject(LogisticsApi);
  private readonly programs = inject(ProgramsApi);
  protected readonly countries = inject(CountryNames);

  /** The enrolment's id, from the route. */
  readonly id = input.required<string>();
  /** Whose screens this page is opened from (route data). */
  readonly area = input<LogisticsArea>('trainee');

  protected readonly needs = DIETARY_NEEDS;
  protected readonly genders = LOGISTICS_GENDERS;
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<string | null>(null);
  protected readonly logistics = signal<EnrolmentLogistics | null>(null);
  protected readonly program = signal<Program | null>(null);
  protected readonly states = signal<Record<Section, SectionState>>({
    travel: IDLE,
    passport: IDLE,
    dietary: IDLE,
    gender: IDLE,
    emergencyContact: IDLE,
  });
  protected readonly submitted = signal<Partial<Record<Section, boolean>>>({});
  protected readonly downloading = signal(false);
  protected readonly downloadFailure = signal<string | null>(null);

  protected readonly staff = computed(() => this.area() !== 'trainee');
  protected readonly collect = computed(() => this.logistics()?.settings.collect ?? []);
  protected readonly timeZone = computed(() => this.logistics()?.timeZone ?? 'UTC');
  protected readonly letter = computed(() => {
    const logistics = this.logistics();
    return !!logistics && letterAvailable(logistics);
  });
  protected readonly back = computed(() => {
    const programId = this.logistics()?.programId;
    switch (this.area()) {
      case 'trainee':
        return { link: ['/my/programs'], key: 'logistics.page.backTrainee' };
      case 'partner':
        return {
          link: programId ? ['/partner/programs', programId, 'logistics'] : ['/partner'],
          key: 'logistics.page.backStaff',
        };
      case 'admin':
        return {
          link: programId ? ['/admin/programs', programId, 'logistics'] : ['/admin/programs'],
          key: 'logistics.page.backStaff',
        };
    }
  });

  protected readonly travel = new FormGroup({
    arrival: legGroup(),
    departure: legGroup(),
  });
  protected readonly passport = new FormGroup({
    consent: new FormControl(false, { nonNullable: true }),
    number: required(20),
    fullNameAsInPassport: required(),
    nationality: new FormControl<CountryCode | ''>('', { nonNullable: true, validators: [Validators.required] }),
    dateOfBirth: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    expiresOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly dietary = new FormGroup({
    consent: new FormControl(false, { nonNullable: true }),
    needs: new FormGroup(
      Object.fromEntries(DIETARY_NEEDS.map((need) => [need, new FormControl(false, { nonNullable: true })])) as Record<
        DietaryNeed,
        FormControl<boolean>
      >,
    ),
    other: text(),
    allergies: text(),
  });
  protected readonly gender = new FormGroup({
    gender: new FormControl<LogisticsGender | ''>('', { nonNullable: true }),
  });
  protected readonly emergencyContact = new FormGroup({
    name: required(),
    relationship: required(),
    phone: new FormControl('', { nonNullable: true, validators: [Validators.required, e164] }),
  });

  private readonly forms: Record<Section, FormGroup> = {
    travel: this.travel,
    passport: this.passport,
    dietary: this.dietary,
    gender: this.gender,
    emergencyContact: this.emergencyContact,
  };

  constructor() {
    this.travel.controls.arrival.addValidators(legNeedsTime);
    this.travel.controls.departure.addValidators(legNeedsTime);
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  /** Each section's value as last loaded or saved: a section differs from it when it holds unsaved edits. */
  private readonly savedValues: Partial<Record<Section, string>> = {};

  hasUnsavedChanges(): boolean {
    return (Object.keys(this.forms) as Section[]).some((section) => this.changed(section));
  }

  /**
   * Compared by value, not by `dirty`: the date inputs report their value again as they settle
   * (which marks a form dirty with nothing changed).
   */
  private changed(section: Section): boolean {
    const form = this.forms[section];
    return form.dirty && JSON.stringify(form.getRawValue()) !== this.savedValues[section];
  }

  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    warnBeforeUnload(this, event);
  }

  protected shows(section: Section): boolean {
    const collect = this.collect();
    return section === 'gender' ? collect.includes('accommodation') : collect.includes(section);
  }

  /** Whether the person's consent for the purpose is on record (or ticked now), so its fields show. */
  protected consented(purpose: SensitivePurpose): boolean {
    const logistics = this.logistics();
    if (logistics && hasConsent(logistics, purpose)) return true;
    return purpose === 'passport' ? this.passport.controls.consent.value : this.dietary.controls.consent.value;
  }

  protected consentOnRecord(purpose: SensitivePurpose): boolean {
    const logistics = this.logistics();
    return !!logistics && hasConsent(logistics, purpose);
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadFailure.set(null);
    try {
      const logistics = await firstValueFrom(this.api.get(id));
      this.show(logistics);
      void firstValueFrom(this.programs.get(logistics.programId)).then(
        (program) => this.program.set(program),
        () => undefined,
      );
    } catch (error) {
      this.loadFailure.set(problemOf(error).code);
    } finally {
      this.loading.set(false);
    }
  }

  /** Puts the server's record into every section not being edited (a saved section is reset from it too). */
  private show(logistics: EnrolmentLogistics, only?: Section): void {
    this.logistics.set(logistics);
    const zone = logistics.timeZone;
    const reset = (section: Section, value: object) => {
      if (only ? only !== section : this.changed(section)) return;
      this.forms[section].reset(value);
      this.savedValues[section] = JSON.stringify(this.forms[section].getRawValue());
    };
    reset('travel', {
      arrival: legToForm(logistics.arrival, zone),
      departure: legToForm(logistics.departure, zone),
    });
    reset('passport', {
      consent: false,
      number: logistics.passport?.number ?? '',
      fullNameAsInPassport: logistics.passport?.fullNameAsInPassport ?? '',
      nationality: logistics.passport?.nationality ?? '',
      dateOfBirth: logistics.passport?.dateOfBirth ?? '',
      expiresOn: logistics.passport?.expiresOn ?? '',
    });
    reset('dietary', {
      consent: false,
      needs: Object.fromEntries(DIETARY_NEEDS.map((need) => [need, !!logistics.dietary?.needs.includes(need)])),
      other: logistics.dietary?.other ?? '',
      allergies: logistics.dietary?.allergies ?? '',
    });
    reset('gender', { gender: logistics.gender ?? '' });
    reset('emergencyContact', {
      name: logistics.emergencyContact?.name ?? '',
      relationship: logistics.emergencyContact?.relationship ?? '',
      phone: logistics.emergencyContact?.phone ?? '',
    });
  }

  protected state(section: Section): SectionState {
    return this.states()[section];
  }

  private setState(section: Section, state: Partial<SectionState>): void {
    this.states.update((states) => ({ ...states, [section]: { ...states[section], ...state } }));
  }

  protected async save(section: Section): Promise<void> {
    const logistics = this.logistics();
    if (!logistics) return;
    const form = this.forms[section];
    clearServerErrors(form);
    this.submitted.update((s) => ({ ...s, [section]: true }));
    this.setState(section, { saved: false, failure: null });
    const body = this.body(section, logistics);
    if (form.invalid || !body) {
      form.markAllAsTouched();
      return;
    }
    this.setState(section, { saving: true });
    try {
      const updated = await firstValueFrom(this.api.update(logistics.enrolmentId, body));
      form.markAsPristine();
      this.show(updated, section);
      this.submitted.update((s) => ({ ...s, [section]: false }));
      this.setState(section, { saved: true });
    } catch (error) {
      const problem = problemOf(error);
      const prefix = section === 'travel' ? null : section === 'gender' ? null : section;
      const unmatched = applyServerErrors(form, sectionProblem(problem, prefix));
      if (!problem.errors?.length || unmatched.length) {
        const consentError = unmatched.some((e) => e.field.startsWith('consents'));
        this.setState(section, {
          failure: consentError ? { code: 'CONSENT' } : { code: problem.code, detail: unmatched[0]?.message },
        });
      }
    } finally {
      this.setState(section, { saving: false });
    }
  }

  /** The request that saves one section, with the consent it needs when none is on record yet. */
  private body(section: Section, logistics: EnrolmentLogistics): UpdateEnrolmentLogisticsRequest | null {
    switch (section) {
      case 'travel': {
        const { arrival, departure } = this.travel.getRawValue();
        return {
          arrival: formToLeg(arrival ?? EMPTY_LEG, logistics.timeZone),
          departure: formToLeg(departure ?? EMPTY_LEG, logistics.timeZone),
        };
      }
      case 'passport': {
        const v = this.passport.getRawValue();
        if (!this.consented('passport')) {
          this.passport.controls.consent.setErrors({ consent: { key: 'logistics.consent.required' } });
          return null;
        }
        return {
          passport: {
            number: v.number.trim(),
            fullNameAsInPassport: v.fullNameAsInPassport.trim(),
            nationality: v.nationality as CountryCode,
            dateOfBirth: v.dateOfBirth,
            expiresOn: v.expiresOn,
          },
          ...this.consent('passport', logistics),
        };
      }
      case 'dietary': {
        const v = this.dietary.getRawValue();
        if (!this.consented('dietary')) {
          this.dietary.controls.consent.setErrors({ consent: { key: 'logistics.consent.required' } });
          return null;
        }
        const needs = DIETARY_NEEDS.filter((need) => v.needs[need]);
        const other = v.other.trim();
        const allergies = v.allergies.trim();
        if (needs.includes('other') && !other) {
          this.dietary.controls.other.setErrors({ required: true });
          return null;
        }
        return {
          dietary: {
            needs,
            ...(needs.includes('other') && other ? { other } : {}),
            ...(allergies ? { allergies } : {}),
          },
          ...this.consent('dietary', logistics),
        };
      }
      case 'gender': {
        const { gender } = this.gender.getRawValue();
        return { gender: gender || null };
      }
      case 'emergencyContact': {
        const v = this.emergencyContact.getRawValue();
        return {
          emergencyContact: { name: v.name.trim(), relationship: v.relationship.trim(), phone: v.phone.trim() },
        };
      }
    }
  }

  private consent(purpose: SensitivePurpose, logistics: EnrolmentLogistics): UpdateEnrolmentLogisticsRequest {
    if (hasConsent(logistics, purpose)) return {};
    return {
      consents: [{ purpose, noticeVersion: LOGISTICS_NOTICE_VERSION, collected: this.staff() ? 'paper' : 'self' }],
    };
  }

  protected async downloadLetter(): Promise<void> {
    const logistics = this.logistics();
    if (!logistics) return;
    this.downloading.set(true);
    this.downloadFailure.set(null);
    try {
      await this.api.downloadLetter(logistics.enrolmentId);
    } catch (error) {
      this.downloadFailure.set((await problemOfDownload(error)).code);
    } finally {
      this.downloading.set(false);
    }
  }
}
