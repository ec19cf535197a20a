import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  LOCALE_NATIVE_NAMES,
  PASSWORD_MIN_LENGTH,
  SUPPORTED_LOCALES,
  type ConsentGrant,
  type Institution,
  type Locale,
  type Page,
} from '@skillbridge/contracts';
import { catchError, map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { HTML_LANG, LanguageService } from '../../core/i18n/language.service';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { CountryNames } from '../../shared/i18n/countries';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { PendingEnrolment } from '../programs/pending-enrolment';
import { PrivacyApi, recipientCountries } from '../privacy/privacy.api';

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

  /**
   * The notice people consent to (its version goes with the consents), and the
   * countries the cross-border consent names: the host college's (China) and
   * the partner institutions' the notice lists.
   */
  protected readonly notice = toSignal(
    inject(PrivacyApi)
      .current()
      .pipe(catchError(() => of(null))),
    {
      initialValue: null,
    },
  );
  /** "Thailand, Malaysia and Myanmar" in the page's language; empty when the notice names no partner yet. */
  protected readonly partnerCountryNames = computed(() => {
    const notice = this.notice();
    const codes = notice ? recipientCountries(notice).filter((c) => c !== 'CN') : [];
    if (!codes.length) return '';
    const names = codes.map((code) => this.countries.name(code));
    return new Intl.ListFormat(HTML_LANG[this.languages.current()], { type: 'conjunction' }).format(names);
  });

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
    // PIPL art. 39 asks for the transfer abroad to be consented to separately: two required boxes, not one.
    consentAdministration: new FormControl(false, { nonNullable: true, validators: [Validators.requiredTrue] }),
    consentTransfer: new FormControl(false, { nonNullable: true, validators: [Validators.requiredTrue] }),
    consentNews: new FormControl(false, { nonNullable: true }),
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
    const notice = this.notice();
    if (!notice) {
      this.failure.set('NETWORK');
      return;
    }
    this.busy.set(true);
    const value = this.form.getRawValue();
    const consents: ConsentGrant[] = [
      { purpose: 'program-administration', noticeVersion: notice.version },
      { purpose: 'cross-border-transfer', noticeVersion: notice.version },
      ...(value.consentNews ? [{ purpose: 'program-news' as const, noticeVersion: notice.version }] : []),
    ];
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
        consents,
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
