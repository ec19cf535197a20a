import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  addDays,
  PROGRAM_CODE_PATTERN,
  type DuplicatedProgram,
  type Program,
  type Session,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors, clearServerErrors } from '../../shared/forms/server-errors';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ZonedTimePipe } from '../../shared/time/zoned-time.pipe';
import { ProgramsApi } from './programs.api';

/** One instructor left off a copied session, in words: who, which session, when. */
export interface ClashLine {
  instructor: string;
  session: Session | null;
}

/**
 * "Duplicate" on an admin's program page: a new code and start date, then the new draft. The copy's sessions
 * move by the same number of days; an instructor who teaches elsewhere at a copied session's time is left off
 * it — those are listed here before the admin goes on to the draft, never dropped unsaid.
 */
@Component({
  selector: 'sb-duplicate-program-dialog',
  imports: [ReactiveFormsModule, TranslatePipe, DateInputComponent, FieldErrorComponent, LocalizedPipe, ZonedTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" aria-labelledby="duplicate-title" data-testid="duplicate-dialog">
      @if (result(); as copy) {
        <h2 id="duplicate-title">{{ 'programs.duplicate.doneTitle' | translate: { code: copy.code } }}</h2>
        <p role="status">{{ 'programs.duplicate.clashesLead' | translate: { count: copy.clashes.length } }}</p>
        <ul class="clashes" data-testid="duplicate-clashes">
          @for (line of clashLines(); track $index) {
            <li>
              <strong>{{ line.instructor }}</strong>
              @if (line.session; as session) {
                — {{ session.title | localized }},
                {{ session.startsAt | zonedTime: copy.timezone : 'date' }}
              }
            </li>
          }
        </ul>
        <div class="actions">
          <button type="button" class="btn btn-primary" data-testid="duplicate-open" (click)="go(copy.id)">
            {{ 'programs.duplicate.open' | translate }}
          </button>
        </div>
      } @else {
        <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <h2 id="duplicate-title">{{ 'programs.duplicate.title' | translate }}</h2>
          <p>{{ 'programs.duplicate.lead' | translate }}</p>
          <div class="field">
            <label for="duplicate-code">{{ 'programs.fields.code' | translate }}</label>
            <input
              id="duplicate-code"
              type="text"
              formControlName="code"
              autocomplete="off"
              data-testid="duplicate-code"
              aria-describedby="duplicate-code-hint duplicate-code-error"
            />
            <p class="hint" id="duplicate-code-hint">{{ 'admin.programs.codeHint' | translate }}</p>
            <sb-field-error id="duplicate-code-error" [control]="form.controls.code" [force]="submitted()" />
          </div>
          <div class="field">
            <label for="duplicate-start">{{ 'programs.duplicate.startDate' | translate }}</label>
            <sb-date-input
              inputId="duplicate-start"
              formControlName="startDate"
              testId="duplicate-start"
              describedBy="duplicate-start-hint duplicate-start-error"
            />
            <p class="hint" id="duplicate-start-hint">{{ 'programs.duplicate.startHint' | translate }}</p>
            <sb-field-error id="duplicate-start-error" [control]="form.controls.startDate" [force]="submitted()" />
          </div>
          @if (failure(); as code) {
            <p class="alert alert-error" role="alert" data-testid="duplicate-error">
              {{ 'errors.' + code | translate }}
            </p>
          }
          <div class="actions">
            <button type="submit" class="btn btn-primary" data-testid="duplicate-confirm" [disabled]="busy()">
              {{ 'programs.duplicate.confirm' | translate }}
            </button>
            <button type="button" class="btn btn-secondary" data-testid="duplicate-cancel" (click)="close()">
              {{ 'forms.cancel' | translate }}
            </button>
          </div>
        </form>
      }
    </dialog>
  `,
  styles: `
    .dialog {
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius);
      padding: 1.5rem;
      width: min(32rem, 90vw);
    }
    .dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.2rem;
    }
    .clashes {
      padding-left: 1.25rem;
      overflow-wrap: anywhere;
    }
  `,
})
export class DuplicateProgramDialogComponent {
  private readonly api = inject(ProgramsApi);
  private readonly router = inject(Router);

  /** The program to copy, and its sessions (their instructors' names name the clashes). */
  readonly program = input.required<Program>();
  readonly sessions = input<Session[]>([]);
  /** The new draft's page is open (the same page, so its host reloads what it shows). */
  readonly opened = output<string>();

  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(PROGRAM_CODE_PATTERN)],
    }),
    startDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly result = signal<DuplicatedProgram | null>(null);
  protected readonly clashLines = signal<ClashLine[]>([]);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  /** Opens empty, with a year later as the suggested start (last year's camp, copied for this year). */
  open(): void {
    this.result.set(null);
    this.failure.set(null);
    this.submitted.set(false);
    this.form.reset({ code: '', startDate: addDays(this.program().startDate, 364) });
    this.dialog().nativeElement.showModal();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }

  protected async go(id: string): Promise<void> {
    this.close();
    if (await this.router.navigate(['/programs', id])) this.opened.emit(id);
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    clearServerErrors(this.form);
    this.form.controls.code.setValue(this.form.controls.code.value.trim().toUpperCase());
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      const copy = await firstValueFrom(this.api.duplicate(this.program().id, this.form.getRawValue()));
      if (!copy.clashes.length) {
        await this.go(copy.id);
        return;
      }
      const copied = await firstValueFrom(this.api.sessions(copy.id)).catch(() => [] as Session[]);
      this.clashLines.set(clashLines(copy, copied, this.sessions()));
      this.result.set(copy);
    } catch (error) {
      const problem = problemOf(error);
      const unmatched = applyServerErrors(this.form, problem);
      if (!problem.errors?.length || unmatched.length) this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}

/** Each clash with the instructor's name (from the source's sessions) and the copied session it concerns. */
export function clashLines(copy: DuplicatedProgram, copied: Session[], source: Session[]): ClashLine[] {
  const names = new Map(source.flatMap((s) => s.instructors.map((i) => [i.id, i.fullName] as const)));
  return copy.clashes.map((clash) => ({
    instructor: names.get(clash.instructorId) ?? clash.instructorId,
    session: copied.find((s) => s.id === clash.sessionId) ?? null,
  }));
}
