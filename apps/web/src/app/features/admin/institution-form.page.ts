import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  INSTITUTION_CODE_PATTERN,
  INSTITUTION_KINDS,
  type CountryCode,
  type InstitutionKind,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import {
  LocalizedTextInputComponent,
  localizedTextForm,
  localizedTextValue,
} from '../../shared/forms/localized-text-input.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { CountryNames } from '../../shared/i18n/countries';
import { AdminApi } from './admin.api';

/** Create (`/admin/institutions/new`) or edit (`/admin/institutions/:id`) an institution, with a name per language. */
@Component({
  selector: 'sb-institution-form-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent, LocalizedTextInputComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './institution-form.page.html',
})
export class InstitutionFormPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  protected readonly countries = inject(CountryNames);
  protected readonly kinds = INSTITUTION_KINDS;

  /** Route parameter; absent when creating. */
  readonly id = input<string>();

  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(INSTITUTION_CODE_PATTERN)],
    }),
    name: localizedTextForm(),
    kind: new FormControl<InstitutionKind>('partner', { nonNullable: true }),
    country: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly saved = signal(false);

  async ngOnInit(): Promise<void> {
    // Arriving from "create": the new institution was saved.
    this.saved.set(Boolean((history.state as { saved?: boolean } | null)?.saved));
    const id = this.id();
    if (!id) return;
    try {
      const institution = await firstValueFrom(this.api.institution(id));
      this.form.patchValue({ code: institution.code, kind: institution.kind, country: institution.country });
      this.form.controls.name.patchValue({ en: '', zh: '', th: '', ms: '', ...institution.name });
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    this.saved.set(false);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    const value = this.form.getRawValue();
    const body = {
      code: value.code.trim().toUpperCase(),
      kind: value.kind,
      country: value.country as CountryCode,
      name: localizedTextValue(this.form.controls.name),
    };
    try {
      const id = this.id();
      if (id) {
        await firstValueFrom(this.api.updateInstitution(id, body));
        this.saved.set(true);
      } else {
        const created = await firstValueFrom(this.api.createInstitution(body));
        await this.router.navigate(['/admin/institutions', created.id], { state: { saved: true } });
      }
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, problem);
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
