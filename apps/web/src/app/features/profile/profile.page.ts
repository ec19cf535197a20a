import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { LOCALE_NATIVE_NAMES, PASSWORD_MIN_LENGTH, SUPPORTED_LOCALES, type Locale } from '@skillbridge/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { HTML_LANG, LanguageService } from '../../core/i18n/language.service';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';

/** Your name, language and time zone (what notifications, e-mails and schedules follow), and your password. */
@Component({
  selector: 'sb-profile-page',
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile.page.html',
})
export class ProfilePage {
  private readonly auth = inject(AuthService);
  private readonly languages = inject(LanguageService);
  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly localeNames = LOCALE_NATIVE_NAMES;
  protected readonly htmlLang = HTML_LANG;
  protected readonly timeZones = Intl.supportedValuesOf('timeZone');
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly user = this.auth.user;

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
  });
  protected readonly profileState = signal<'idle' | 'saved' | string>('idle');
  protected readonly passwordState = signal<'idle' | 'saved' | string>('idle');

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
      await this.auth.changePassword(this.password.getRawValue());
      this.password.reset();
      this.passwordState.set('saved');
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.password, problem);
      this.passwordState.set(problem.code);
    }
  }
}
