import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  signal,
  WritableSignal,
} from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ASSESSMENT_REMARKS_MAX_LENGTH,
  type AssessmentRequest,
  type EnrolmentStatus,
  type Program,
  type RosterEntry,
  type RosterQuery,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { PagedList } from '../../shared/data/paged-list';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { EnrolmentStatusComponent } from '../../shared/ui/enrolment-status.component';
import { EnrolmentsApi } from '../enrolments/enrolments.api';
import { ProgramsApi } from '../programs/programs.api';
import { AttendanceApi } from './attendance.api';

/** Enrolments that have (or had) a place in the program and so may carry a score. */
const SCORED_STATUSES: readonly EnrolmentStatus[] = ['confirmed', 'completed', 'not-completed'];

/** At most two decimals, as the API stores them. */
export function twoDecimals(control: AbstractControl): ValidationErrors | null {
  const value = control.value;
  if (value === null || value === '' || value === undefined) return null;
  return /^\d+(\.\d{1,2})?$/.test(String(value)) ? null : { decimals: { max: 2 } };
}

export interface ScoreRow {
  entry: RosterEntry;
  form: FormGroup<{ score: FormControl<number | null>; remarks: FormControl<string> }>;
  state: WritableSignal<'idle' | 'saving' | 'saved' | 'error'>;
  failure: WritableSignal<string | null>;
  savedAt: WritableSignal<string | null>;
}

/** The body of `PUT /enrolments/:id/assessment` from a row's inputs: remarks trimmed, left out when empty. */
export function assessmentOf(value: { score: number | null; remarks: string }): AssessmentRequest {
  const remarks = value.remarks.trim();
  return { score: Number(value.score), ...(remarks ? { remarks } : {}) };
}

/**
 * Assessment scores of a program's trainees (0–100) with remarks, each row
 * saved on its own; for instructors of the program (and admins).
 */
@Component({
  selector: 'sb-scores-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    LocalNumberPipe,
    TranslatePipe,
    LocalizedPipe,
    InstantTimePipe,
    FieldErrorComponent,
    EnrolmentStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './scores.page.html',
  styleUrl: './scores.page.css',
})
export class ScoresPage implements OnInit {
  private readonly api = inject(AttendanceApi);
  private readonly enrolments = inject(EnrolmentsApi);
  private readonly programs = inject(ProgramsApi);

  /** The program's id, from the route. */
  readonly id = input.required<string>();

  protected readonly remarksMax = ASSESSMENT_REMARKS_MAX_LENGTH;
  protected readonly program = signal<Program | null>(null);
  protected readonly programFailure = signal<string | null>(null);
  protected readonly list = new PagedList<RosterEntry, RosterQuery>((query) =>
    this.enrolments.roster(this.id(), query),
  );
  private readonly rowsById = new Map<string, ScoreRow>();
  protected readonly rows = computed(() =>
    this.list
      .items()
      .filter((entry) => SCORED_STATUSES.includes(entry.status))
      .map((entry) => this.rowFor(entry)),
  );
  protected readonly editable = computed(() => this.program()?.status === 'published');

  async ngOnInit(): Promise<void> {
    void this.list.load({ limit: 200 });
    try {
      this.program.set(await firstValueFrom(this.programs.get(this.id())));
    } catch (error) {
      this.programFailure.set(problemOf(error).code);
    }
  }

  protected more(): void {
    void this.list.more({ limit: 200 });
  }

  private rowFor(entry: RosterEntry): ScoreRow {
    let row = this.rowsById.get(entry.id);
    if (!row) {
      row = {
        entry,
        form: new FormGroup({
          score: new FormControl<number | null>(entry.score ?? null, [
            Validators.required,
            Validators.min(0),
            Validators.max(100),
            twoDecimals,
          ]),
          remarks: new FormControl(entry.remarks ?? '', {
            nonNullable: true,
            validators: [Validators.maxLength(ASSESSMENT_REMARKS_MAX_LENGTH)],
          }),
        }),
        state: signal('idle'),
        failure: signal(null),
        savedAt: signal(null),
      };
      this.rowsById.set(entry.id, row);
    }
    return row;
  }

  protected canEdit(row: ScoreRow): boolean {
    return this.editable() && row.entry.status === 'confirmed';
  }

  protected edited(row: ScoreRow): void {
    if (row.state() !== 'saving') row.state.set('idle');
  }

  protected async save(row: ScoreRow): Promise<void> {
    row.form.markAllAsTouched();
    if (row.form.invalid || row.state() === 'saving') return;
    row.state.set('saving');
    row.failure.set(null);
    try {
      const saved = await firstValueFrom(this.api.assess(row.entry.id, assessmentOf(row.form.getRawValue())));
      row.form.controls.score.setValue(saved.score);
      row.form.markAsPristine();
      row.savedAt.set(saved.assessedAt);
      row.state.set('saved');
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(row.form, problem);
      row.failure.set(problem.code);
      row.state.set('error');
    }
  }
}
