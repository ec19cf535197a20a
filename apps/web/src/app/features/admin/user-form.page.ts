import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
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
  type Role,
} from '@skillbridge/contracts';
import { firstValueFrom, map } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { HTML_LANG } from '../../core/i18n/language.service';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { AdminApi } from './admin.api';

/** Staff accounts an admin creates; trainees register themselves or are added by their partner. */
const STAFF_ROLES: readonly Role[] = ['instructor', 'partner', 'admin'];

@Component({
  selector: 'sb-user-form-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-form.page.html',
})
export class UserFormPage {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  protected readonly roles = STAFF_ROLES;
  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly localeNames = LOCALE_NATIVE_NAMES;
  protected readonly htmlLang = HTML_LANG;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly timeZones = Intl.supportedValuesOf('timeZone');

  protected readonly form = new FormGroup({
    role: new FormControl<Role>('instructor', { nonNullable: true }),
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)],
    }),
    institutionId: new FormControl('', { nonNullable: true }),
    preferredLocale: new FormControl<Locale>('en', { nonNullable: true }),
    timeZone: new FormControl('Asia/Shanghai', { nonNullable: true }),
  });
  private readonly role = toSignal(this.form.controls.role.valueChanges, {
    initialValue: this.form.controls.role.value,
  });

  private readonly allInstitutions = toSignal(this.api.institutions({ limit: 200 }).pipe(map((page) => page.items)), {
    initialValue: [] as Institution[],
  });
  /** Partner staff belong to a partner institution; instructors and admins to any. */
  protected readonly institutions = computed(() =>
    this.role() === 'partner' ? this.allInstitutions().filter((i) => i.kind === 'partner') : this.allInstitutions(),
  );
  protected readonly institutionRequired = computed(() => this.role() !== 'admin');

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    const value = this.form.getRawValue();
    try {
      await firstValueFrom(this.api.createUser({ ...value, institutionId: value.institutionId || undefined }));
      await this.router.navigateByUrl('/admin/users');
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, problem);
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
