import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ErrorCode,
  LOCALE_NATIVE_NAMES,
  SUPPORTED_LOCALES,
  TRAINEE_NAME_MAX_LENGTH,
  type CountryCode,
  type Institution,
  type Locale,
} from '@skillbridge/contracts';
import { firstValueFrom, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { HTML_LANG } from '../../core/i18n/language.service';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors, type ServerFieldError } from '../../shared/forms/server-errors';
import { CountryNames } from '../../shared/i18n/countries';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { AdminApi } from '../admin/admin.api';
import { ErasureRequestComponent } from '../privacy/erasure-request.component';
import { TraineesApi } from './trainees.api';

/**
 * Adds a trainee (or corrects one). A partner's trainees always join the
 * partner's institution, so only admins choose one.
 */
@Component({
  selector: 'sb-trainee-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldErrorComponent,
    LocalizedPipe,
    ErasureRequestComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './trainee-form.page.html',
})
export class TraineeFormPage implements OnInit {
  private readonly api = inject(TraineesApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly countries = inject(CountryNames);
  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly localeNames = LOCALE_NATIVE_NAMES;
  protected readonly htmlLang = HTML_LANG;

  /** The trainee being corrected; absent when adding one. */
  readonly id = input<string>();

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly base = computed(() => (this.isAdmin() ? '/admin' : '/partner'));
  protected readonly institutions = toSignal(
    inject(AdminApi)
      .institutions({ kind: 'partner', limit: 200 })
      .pipe(map((page) => page.items)),
    { initialValue: [] as Institution[] },
  );

  protected readonly form = new FormGroup({
    fullName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(TRAINEE_NAME_MAX_LENGTH)],
    }),
    fullNameLatin: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(TRAINEE_NAME_MAX_LENGTH)],
    }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    nationality: new FormControl<CountryCode | ''>('', { nonNullable: true, validators: [Validators.required] }),
    preferredLocale: new FormControl<Locale | ''>('', { nonNullable: true }),
    institutionId: new FormControl('', { nonNullable: true }),
  });

  protected readonly loaded = signal(false);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    const id = this.id();
    if (!id) {
      this.loaded.set(true);
      return;
    }
    try {
      const trainee = await firstValueFrom(this.api.get(id));
      this.form.setValue({
        fullName: trainee.fullName,
        fullNameLatin: trainee.fullNameLatin ?? '',
        email: trainee.email,
        nationality: trainee.nationality,
        preferredLocale: trainee.preferredLocale,
        institutionId: trainee.institutionId ?? '',
      });
      this.loaded.set(true);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const value = this.form.getRawValue();
    const id = this.id();
    this.busy.set(true);
    try {
      if (id) {
        await firstValueFrom(
          this.api.update(id, {
            fullName: value.fullName.trim(),
            fullNameLatin: value.fullNameLatin.trim() || null,
            email: value.email.trim(),
            nationality: value.nationality as CountryCode,
            ...(value.preferredLocale ? { preferredLocale: value.preferredLocale } : {}),
            ...(this.isAdmin() ? { institutionId: value.institutionId || null } : {}),
          }),
        );
      } else {
        await firstValueFrom(
          this.api.create({
            fullName: value.fullName.trim(),
            fullNameLatin: value.fullNameLatin.trim() || undefined,
            email: value.email.trim(),
            nationality: value.nationality as CountryCode,
            preferredLocale: value.preferredLocale || undefined,
            institutionId: (this.isAdmin() && value.institutionId) || undefined,
          }),
        );
      }
      await this.router.navigate([this.base(), 'trainees']);
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, problem);
      if (problem.code === ErrorCode.TraineeEmailExists && !problem.errors?.length) {
        // Say it where the person will look: under the e-mail field.
        // The web's words for the code, so they follow a language switch; the API's as a stand-in.
        this.form.controls.email.setErrors({
          server: { key: `errors.${problem.code}`, text: problem.detail || problem.title } satisfies ServerFieldError,
        });
      }
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
