import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
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
  ErrorCode,
  type AssessmentItem,
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
import { type HasUnsavedChanges, warnBeforeUnload } from '../../shared/forms/unsaved-changes.guard';
import { i18nKey } from '../../shared/i18n/i18n-key';
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

interface SavedScore {
  score: number | null;
  remarks: string;
}

export interface ScoreRow {
  entry: RosterEntry;
  form: FormGroup<{ score: FormControl<number | null>; remarks: FormControl<string> }>;
  /** What the server has; a row whose inputs differ from it is unsaved. */
  saved: WritableSignal<SavedScore>;
  /** A problem of the row that is about no input (e.g. no longer confirmed). */
  failure: WritableSignal<string | null>;
}

/** The body of one assessment from a row's inputs: remarks trimmed, left out when empty. */
export function assessmentOf(value: { score: number | null; remarks: string }): AssessmentRequest {
  const remarks = value.remarks.trim();
  return { score: Number(value.score), ...(remarks ? { remarks } : {}) };
}

/** Whether the inputs say something else than what is saved. */
export function isChanged(value: { score: number | null; remarks: string }, saved: SavedScore): boolean {
  const score = value.score === null || (value.score as unknown) === '' ? null : Number(value.score);
  return score !== saved.score || value.remarks.trim() !== saved.remarks;
}

/** Lower case, without accents: "Nguyễn" is found by "nguyen". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

type SaveState = 'idle' | 'invalid' | 'saving' | 'saved' | 'error';

/**
 * Assessment scores of a program's trainees (0–100) with remarks, for the
 * program's instructors and admins: type any number of scores, find people
 * by name, and save every changed row at once (all or none, the API says
 * which row is wrong). Leaving with unsaved scores asks first.
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
  host: { '(window:beforeunload)': 'beforeUnload($event)' },
})
export class ScoresPage implements OnInit, HasUnsavedChanges {
  private readonly api = inject(AttendanceApi);
  private readonly enrolments = inject(EnrolmentsApi);
  private readonly programs = inject(ProgramsApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The program's id, from the route. */
  readonly id = input.required<string>();
  /** Whose screens this page is opened from (route data): the way back differs. */
  readonly area = input<'instructor' | 'admin'>('instructor');

  protected readonly remarksMax = ASSESSMENT_REMARKS_MAX_LENGTH;
  protected readonly program = signal<Program | null>(null);
  protected readonly programFailure = signal<string | null>(null);
  protected readonly list = new PagedList<RosterEntry, RosterQuery>((query) =>
    this.enrolments.roster(this.id(), query),
  );
  private readonly rowsById = new Map<string, ScoreRow>();
  /** Bumped on every edit, so the unsaved count follows the inputs. */
  private readonly edits = signal(0);
  protected readonly search = signal('');
  protected readonly saveState = signal<SaveState>('idle');
  protected readonly saveFailure = signal<string | null>(null);
  protected readonly savedCount = signal(0);
  protected readonly savedAt = signal<string | null>(null);
  protected readonly invalidCount = signal(0);

  protected readonly rows = computed(() =>
    this.list
      .items()
      .filter((entry) => SCORED_STATUSES.includes(entry.status))
      .map((entry) => this.rowFor(entry)),
  );
  protected readonly shown = computed(() => {
    const needle = searchable(this.search().trim());
    if (!needle) return this.rows();
    return this.rows().filter((row) =>
      [row.entry.fullName, row.entry.fullNameLatin, row.entry.institutionCode, row.entry.email].some(
        (text) => text && searchable(text).includes(needle),
      ),
    );
  });
  protected readonly changedRows = computed(() => {
    this.edits();
    return this.rows().filter((row) => this.canEdit(row) && isChanged(row.form.getRawValue(), row.saved()));
  });
  protected readonly editable = computed(() => this.program()?.status === 'published');
  protected readonly back = computed(() =>
    this.area() === 'admin'
      ? { link: ['/admin/programs'], label: i18nKey('nav.programs') }
      : { link: ['/instructor'], label: i18nKey('nav.timetable') },
  );

  async ngOnInit(): Promise<void> {
    void this.loadAll();
    try {
      this.program.set(await firstValueFrom(this.programs.get(this.id())));
    } catch (error) {
      this.programFailure.set(problemOf(error).code);
    }
  }

  /** Every page of the roster: the search looks through all of it, not the first page. */
  private async loadAll(): Promise<void> {
    await this.list.load({ limit: 200 });
    while (this.list.hasMore() && !this.list.error()) await this.list.more({ limit: 200 });
  }

  private rowFor(entry: RosterEntry): ScoreRow {
    let row = this.rowsById.get(entry.id);
    if (!row) {
      const form = new FormGroup({
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
      });
      const created: ScoreRow = {
        entry,
        form,
        saved: signal({ score: entry.score ?? null, remarks: entry.remarks ?? '' }),
        failure: signal(null),
      };
      form.valueChanges.subscribe(() => {
        created.failure.set(null);
        if (this.saveState() !== 'saving') this.saveState.set('idle');
        this.edits.update((n) => n + 1);
      });
      row = created;
      this.rowsById.set(entry.id, row);
    }
    return row;
  }

  protected canEdit(row: ScoreRow): boolean {
    return this.editable() && row.entry.status === 'confirmed';
  }

  protected isRowChanged(row: ScoreRow): boolean {
    this.edits();
    return isChanged(row.form.getRawValue(), row.saved());
  }

  protected onSearch(value: string): void {
    this.search.set(value);
  }

  hasUnsavedChanges(): boolean {
    return this.changedRows().length > 0;
  }

  protected beforeUnload(event: BeforeUnloadEvent): void {
    warnBeforeUnload(this, event);
  }

  protected discard(): void {
    for (const row of this.changedRows()) {
      const saved = row.saved();
      row.form.reset({ score: saved.score, remarks: saved.remarks });
      row.failure.set(null);
    }
    this.saveState.set('idle');
  }

  /** Sends every changed row in one request; the API saves all of them or none. */
  protected async saveAll(): Promise<void> {
    if (this.saveState() === 'saving') return;
    const changed = this.changedRows();
    if (!changed.length) return;
    changed.forEach((row) => row.form.markAllAsTouched());
    const invalid = changed.filter((row) => row.form.invalid);
    if (invalid.length) {
      this.invalidCount.set(invalid.length);
      this.saveState.set('invalid');
      this.reveal(invalid[0]);
      return;
    }
    const sent: AssessmentItem[] = changed.map((row) => ({
      enrolmentId: row.entry.id,
      ...assessmentOf(row.form.getRawValue()),
    }));
    this.saveState.set('saving');
    this.saveFailure.set(null);
    try {
      const result = await firstValueFrom(this.api.assessMany(this.id(), { assessments: sent }));
      result.assessments.forEach((saved, index) => {
        const row = this.rowsById.get(saved.enrolmentId);
        if (!row) return;
        const onScreen = row.form.getRawValue();
        row.saved.set({ score: saved.score, remarks: saved.remarks ?? '' });
        // A row typed into while the request was under way keeps what was typed (still unsaved).
        if (!isChanged(onScreen, { score: sent[index].score, remarks: sent[index].remarks ?? '' })) {
          row.form.reset({ score: saved.score, remarks: saved.remarks ?? '' }, { emitEvent: false });
        }
      });
      this.edits.update((n) => n + 1);
      this.savedCount.set(result.assessments.length);
      this.savedAt.set(result.assessments[0]?.assessedAt ?? new Date().toISOString());
      this.saveState.set('saved');
    } catch (error) {
      const problem = problemOf(error);
      let first: ScoreRow | undefined;
      let rowsWithErrors = 0;
      const marked = new Set<ScoreRow>();
      for (const fieldError of problem.errors ?? []) {
        const match = /^assessments\[(\d+)\]\.(\w+)$/.exec(fieldError.field);
        const row = match ? changed[Number(match[1])] : undefined;
        if (!row || !match) continue;
        const control = row.form.get(match[2]);
        if (control) {
          control.setErrors({ ...control.errors, server: fieldError.message });
          control.markAsTouched();
        } else {
          row.failure.set(fieldError.message);
        }
        if (!marked.has(row)) rowsWithErrors++;
        marked.add(row);
        first ??= row;
      }
      this.invalidCount.set(rowsWithErrors);
      this.saveFailure.set(problem.code);
      this.saveState.set(problem.code === ErrorCode.ValidationFailed && rowsWithErrors ? 'invalid' : 'error');
      if (first) this.reveal(first);
      if (problem.code === ErrorCode.ProgramCompleted) {
        const program = this.program();
        if (program) this.program.set(await firstValueFrom(this.programs.get(program.id)).catch(() => program));
      }
    }
  }

  /** Shows a row that needs attention even when the search hides it, and puts the cursor in it. */
  private reveal(row: ScoreRow): void {
    if (!this.shown().includes(row)) this.search.set('');
    setTimeout(() => {
      const element = this.host.nativeElement.querySelector<HTMLElement>(
        `[data-enrolment-id="${row.entry.id}"] [aria-invalid="true"], [data-enrolment-id="${row.entry.id}"] input`,
      );
      element?.focus();
    });
  }
}
