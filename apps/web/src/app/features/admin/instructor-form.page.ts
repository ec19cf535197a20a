import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { CreateInstructorRequest, FieldError } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { InstitutionOptions } from './institution-options';
import { InstructorsApi } from './instructors.api';
import { LanguageNames } from './language-names';

/** The API's limits (CreateInstructorDto). */
export const MAX_EXPERTISE = 20;
export const MAX_EXPERTISE_LENGTH = 100;
export const MAX_LANGUAGES = 10;

/** Letters of the Latin script with diacritics, spaces and name punctuation — as the API checks `fullNameLatin`. */
export const LATIN_NAME = /^[\p{Script=Latin}\p{M}\s.'’\-,()]*$/u;

/** Adds `item` to a list unless it is empty or already there (ignoring case). */
export function addItem(list: readonly string[], item: string): string[] {
  const value = item.trim();
  if (!value || list.some((existing) => existing.toLowerCase() === value.toLowerCase())) return [...list];
  return [...list, value];
}

/**
 * Create (`/admin/instructors/new`) or edit (`/admin/instructors/:id`) an
 * instructor profile: a guest expert who has no account, or the profile of an
 * instructor who has one. Name in the own script and in Latin letters,
 * institution, fields of expertise and teaching languages.
 */
@Component({
  selector: 'sb-instructor-form-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './instructor-form.page.html',
  styles: `
    .intro {
      margin: 0 0 1rem;
    }
    .chips {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      padding: 0;
      margin: 0.5rem 0 0;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.15rem 0.25rem 0.15rem 0.75rem;
      border: 1px solid var(--sb-border);
      border-radius: 999px;
      background: var(--sb-surface);
      overflow-wrap: anywhere;
    }
    .chip button {
      min-width: 2rem;
      min-height: 2rem;
    }
    .adder {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .adder input,
    .adder select {
      flex: 1 1 12rem;
      min-width: 0;
    }
  `,
})
export class InstructorFormPage implements OnInit {
  private readonly api = inject(InstructorsApi);
  private readonly router = inject(Router);
  protected readonly institutions = inject(InstitutionOptions);
  protected readonly languageNames = inject(LanguageNames);

  /** Route parameter; absent when creating. */
  readonly id = input<string>();

  protected readonly form = new FormGroup({
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    fullNameLatin: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(200), Validators.pattern(LATIN_NAME)],
    }),
    institutionId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly newExpertise = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(MAX_EXPERTISE_LENGTH)],
  });
  protected readonly newLanguage = new FormControl('', { nonNullable: true });
  protected readonly expertise = signal<string[]>([]);
  protected readonly languages = signal<string[]>([]);
  protected readonly hasAccount = signal(false);
  protected readonly maxExpertise = MAX_EXPERTISE;
  protected readonly maxLanguages = MAX_LANGUAGES;

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  /** Field errors of the API that no input shows (e.g. `expertise[2]`). */
  protected readonly otherErrors = signal<FieldError[]>([]);
  protected readonly saved = signal(false);

  async ngOnInit(): Promise<void> {
    this.saved.set(Boolean((history.state as { saved?: boolean } | null)?.saved));
    try {
      const id = this.id();
      const [, instructor] = await Promise.all([
        this.institutions.load(),
        id ? firstValueFrom(this.api.get(id)) : Promise.resolve(null),
      ]);
      if (instructor) {
        this.form.setValue({
          fullName: instructor.fullName,
          fullNameLatin: instructor.fullNameLatin ?? '',
          institutionId: instructor.institutionId,
        });
        this.expertise.set(instructor.expertise);
        this.languages.set(instructor.languages);
        this.hasAccount.set(Boolean(instructor.userId));
      }
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  protected addExpertise(): void {
    if (this.newExpertise.invalid || this.expertise().length >= MAX_EXPERTISE) return;
    this.expertise.update((list) => addItem(list, this.newExpertise.value));
    this.newExpertise.reset();
  }

  protected removeExpertise(item: string): void {
    this.expertise.update((list) => list.filter((existing) => existing !== item));
  }

  protected addLanguage(): void {
    if (!this.newLanguage.value || this.languages().length >= MAX_LANGUAGES) return;
    this.languages.update((list) => addItem(list, this.newLanguage.value));
    this.newLanguage.reset();
  }

  protected removeLanguage(code: string): void {
    this.languages.update((list) => list.filter((existing) => existing !== code));
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    this.otherErrors.set([]);
    this.saved.set(false);
    this.form.markAllAsTouched();
    // A term typed but not added yet is meant to be part of the profile.
    if (this.newExpertise.value.trim()) this.addExpertise();
    if (this.form.invalid) return;
    this.busy.set(true);
    const value = this.form.getRawValue();
    const latin = value.fullNameLatin.trim();
    const body: CreateInstructorRequest = {
      fullName: value.fullName.trim(),
      institutionId: value.institutionId,
      expertise: this.expertise(),
      languages: this.languages(),
    };
    try {
      const id = this.id();
      if (id) {
        await firstValueFrom(this.api.update(id, { ...body, fullNameLatin: latin || null }));
        this.saved.set(true);
      } else {
        const created = await firstValueFrom(this.api.create({ ...body, ...(latin ? { fullNameLatin: latin } : {}) }));
        await this.router.navigate(['/admin/instructors', created.id], { state: { saved: true } });
      }
    } catch (error) {
      const problem = problemOf(error);
      this.otherErrors.set(applyServerErrors(this.form, problem));
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
