import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  LOCALE_NATIVE_NAMES,
  PASSWORD_MIN_LENGTH,
  SUPPORTED_LOCALES,
  type Institution,
  type Locale,
  type Page,
} from '@skillbridge/contracts';
import { map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { HTML_LANG, LanguageService } from '../../core/i18n/language.service';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { CountryNames } from '../../shared/i18n/countries';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { PendingEnrolment } from '../programs/pending-enrolment';

/** Trainee self-registration: name in the person's own script and in Latin letters, nationality, institution, language. */
@Component({
  selector: 'sb-register-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './register.page.html',
})
export class RegisterPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly languages = inject(LanguageService);
  /** A program page's "Register and enrol": its program, back to which registration leads. */
  private readonly pending = inject(PendingEnrolment);
  protected readonly pendingProgram = this.pending.code();
  protected readonly countries = inject(CountryNames);

  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly localeNames = LOCALE_NATIVE_NAMES;
  protected readonly htmlLang = HTML_LANG;
  protected readonly minLength = PASSWORD_MIN_LENGTH;

  /** Institutions a trainee may belong to: the partner institutions (public list). */
  protected readonly institutions = toSignal(
    inject(HttpClient)
      .get<Page<Institution>>('/api/v1/institutions', { params: { kind: 'partner', limit: 200 } })
      .pipe(map((page) => page.items)),
    { initialValue: [] as Institution[] },
  );

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    }),
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    fullNameLatin: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    nationality: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    institutionId: new FormControl('', { nonNullable: true }),
    preferredLocale: new FormControl<Locale>(this.languages.current(), { nonNullable: true }),
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    // The account's language follows the page's until the person picks one here.
    effect(() => {
      const current = this.languages.current();
      const control = this.form.controls.preferredLocale;
      if (control.pristine) control.setValue(current);
    });
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    const value = this.form.getRawValue();
    try {
      await this.auth.register({
        email: value.email,
        password: value.password,
        fullName: value.fullName,
        fullNameLatin: value.fullNameLatin || undefined,
        nationality: value.nationality,
        institutionId: value.institutionId || undefined,
        preferredLocale: value.preferredLocale,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      // From a program page: back to it (it asks to confirm the address, then enrols).
      await this.router.navigateByUrl(this.pending.path() ?? this.auth.homeFor('trainee'));
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, problem);
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
