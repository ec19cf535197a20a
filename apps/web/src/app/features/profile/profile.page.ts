import { ChangeDetectionStrategy, Component, computed, effect, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { LOCALE_NATIVE_NAMES, PASSWORD_MIN_LENGTH, SUPPORTED_LOCALES, type Locale } from '@skillbridge/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { HTML_LANG, LanguageService } from '../../core/i18n/language.service';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { compactCode, requireCodeWhen } from '../../shared/forms/one-time-code';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { DataCopySectionComponent } from './data-copy-section.component';
import { ConsentsSectionComponent } from '../privacy/consents-section.component';
import { EmailChangeSectionComponent } from './email-change-section.component';
import { ErasureSectionComponent } from './erasure-section.component';
import { SessionsSectionComponent } from './sessions-section.component';
import { TwoFactorSectionComponent } from './two-factor-section.component';

/**
 * Your name, language and time zone (what notifications, e-mails and
 * schedules follow); and the account's safety: password, e-mail address,
 * two-factor sign-in and the devices signed in.
 */
@Component({
  selector: 'sb-profile-page',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    FieldErrorComponent,
    EmailChangeSectionComponent,
    TwoFactorSectionComponent,
    SessionsSectionComponent,
    DataCopySectionComponent,
    ErasureSectionComponent,
    ConsentsSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile.page.html',
})
export class ProfilePage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly languages = inject(LanguageService);
  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly localeNames = LOCALE_NATIVE_NAMES;
  protected readonly htmlLang = HTML_LANG;
  /** Every zone the browser knows, and the account's own first when the browser's list lacks it (`UTC`). */
  protected readonly timeZones = zonesWith(this.auth.user()?.timeZone);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly user = this.auth.user;
  protected readonly mfaEnabled = computed(() => this.user()?.mfaEnabled === true);

  protected readonly profile = new FormGroup({
    fullName: new FormControl(this.user()?.fullName ?? '', { nonNullable: true, validators: [Validators.required] }),
    preferredLocale: new FormControl<Locale>(this.user()?.preferredLocale ?? 'en', { nonNullable: true }),
    timeZone: new FormControl(this.user()?.timeZone ?? 'UTC', { nonNullable: true }),
  });
  protected readonly password = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    }),
    code: new FormControl('', { nonNullable: true }),
  });
  protected readonly profileState = signal<'idle' | 'saved' | string>('idle');
  protected readonly passwordState = signal<'idle' | 'saved' | string>('idle');

  constructor() {
    effect(() => requireCodeWhen(this.password.controls.code, this.mfaEnabled()));
  }

  ngOnInit(): void {
    // The account may have changed elsewhere (e-mail confirmed, two-factor set up on another device).
    void this.auth.reloadUser().catch(() => undefined);
  }

  protected async saveProfile(): Promise<void> {
    if (this.profile.invalid) return;
    try {
      const user = await this.auth.updateProfile(this.profile.getRawValue());
      await this.languages.use(user.preferredLocale);
      this.profileState.set('saved');
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.profile, problem);
      this.profileState.set(problem.code);
    }
  }

  protected async changePassword(): Promise<void> {
    this.password.markAllAsTouched();
    if (this.password.invalid) return;
    try {
      const { currentPassword, newPassword, code } = this.password.getRawValue();
      await this.auth.changePassword({
        currentPassword,
        newPassword,
        ...(this.mfaEnabled() ? { code: compactCode(code) } : {}),
      });
      this.password.reset();
      this.passwordState.set('saved');
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.password, problem);
      this.passwordState.set(problem.code);
    }
  }
}

export function zonesWith(own: string | undefined): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return own && !known.includes(own) ? [own, ...known] : known;
}
