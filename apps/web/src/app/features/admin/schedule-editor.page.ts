import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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
  SESSION_TYPES,
  addDays,
  wallTimeToInstant,
  zonedDate,
  zonedTime,
  type Instructor,
  type Program,
  type Session,
  type SessionType,
} from '@skillbridge/contracts';
import { firstValueFrom, forkJoin } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { TimeInputComponent } from '../../shared/forms/date-time/time-input.component';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import {
  LocalizedTextInputComponent,
  localizedTextForm,
  localizedTextValue,
} from '../../shared/forms/localized-text-input.component';
import { applyServerErrors, clearServerErrors } from '../../shared/forms/server-errors';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { AgendaComponent } from '../../shared/ui/agenda.component';
import { ProgramsApi } from '../programs/programs.api';
import { CancelSessionDialogComponent } from './cancel-session-dialog.component';

/**
 * A session ends after it starts, comparing day and time (a session may run past midnight: 22:00 → 01:30 the
 * next day): said beside the end time before anything is sent. The error carries its own message key for
 * sb-field-error.
 */
export function endsAfterStart(control: AbstractControl): ValidationErrors | null {
  const date = control.parent?.get('date')?.value as string | undefined;
  const from = control.parent?.get('from')?.value as string | undefined;
  // Forms without an end day end on the start day.
  const endDate = (control.parent?.get('endDate')?.value as string | undefined) || date;
  const to = control.value as string;
  if (!from || !to) return null;
  const start = `${date ?? ''}T${from}`;
  const end = `${endDate ?? ''}T${to}`;
  return end <= start ? { endsBeforeStart: { key: i18nKey('admin.schedule.endsBeforeStart') } } : null;
}

/** Whole days from one `YYYY-MM-DD` to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The end day once the start day moves: a session keeps its length in days (one that ran past midnight still
 * does), within the program's last day.
 */
export function followStartDate(previousStart: string, previousEnd: string, start: string, lastDay: string): string {
  const span = previousStart && previousEnd ? Math.max(0, daysBetween(previousStart, previousEnd)) : 0;
  const end = addDays(start, span);
  return end > lastDay && start <= lastDay ? lastDay : end;
}

/** The form's day, end day and times as the instants the API takes, in the program's zone. */
export function sessionInstants(
  v: { date: string; endDate: string; from: string; to: string },
  zone: string,
): { startsAt: string; endsAt: string } {
  return {
    startsAt: wallTimeToInstant(v.date, v.from, zone).toISOString(),
    endsAt: wallTimeToInstant(v.endDate || v.date, v.to, zone).toISOString(),
  };
}

/**
 * The agenda of one program, day by day, with a form to add, change and remove sessions, and to call one off
 * with a reason (a session whose attendance was taken can only be cancelled).
 */
@Component({
  selector: 'sb-schedule-editor-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldErrorComponent,
    LocalizedTextInputComponent,
    LocalizedPipe,
    CalendarDatePipe,
    AgendaComponent,
    TimeInputComponent,
    CancelSessionDialogComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './schedule-editor.page.html',
})
export class ScheduleEditorPage implements OnInit {
  private readonly api = inject(ProgramsApi);
  readonly id = input.required<string>();

  protected readonly types = SESSION_TYPES;
  protected readonly program = signal<Program | null>(null);
  protected readonly sessions = signal<Session[]>([]);
  protected readonly instructors = signal<Instructor[]>([]);
  protected readonly instructorFilter = signal('');
  protected readonly editing = signal<Session | null>(null);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  /** The API's words for a failed save (a clash names the other session and its time). */
  protected readonly failure = signal<{ code: string; detail: string } | null>(null);

  protected readonly days = computed(() => {
    const program = this.program();
    if (!program) return [];
    const days: string[] = [];
    for (let day = program.startDate; day <= program.endDate; day = addDays(day, 1)) days.push(day);
    return days;
  });
  /** The form's start day, as a signal: the end day is chosen among the days from it on. */
  private readonly startDate = signal('');
  protected readonly endDays = computed(() => this.days().filter((day) => day >= this.startDate()));
  private readonly cancelDialog = viewChild.required(CancelSessionDialogComponent);
  protected readonly shownInstructors = computed(() => {
    const filter = this.instructorFilter().trim().toLowerCase();
    return this.instructors().filter(
      (i) =>
        !filter ||
        i.fullName.toLowerCase().includes(filter) ||
        i.expertise.some((e) => e.toLowerCase().includes(filter)),
    );
  });

  protected readonly form = new FormGroup({
    title: localizedTextForm(),
    type: new FormControl<SessionType>('lecture', { nonNullable: true }),
    date: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    /** The day it ends on: the start day, or a later one for a session past midnight. */
    endDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    from: new FormControl('09:00', { nonNullable: true, validators: [Validators.required] }),
    to: new FormControl('11:00', { nonNullable: true, validators: [Validators.required, endsAfterStart] }),
    instructorIds: new FormControl<string[]>([], { nonNullable: true }),
    venue: new FormControl('', { nonNullable: true }),
    meetingUrl: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^https?:\/\/\S+$/)] }),
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    // The end is checked against the start: a new start checks it again.
    this.form.controls.from.valueChanges
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.form.controls.to.updateValueAndValidity());
    this.form.controls.endDate.valueChanges
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => this.form.controls.to.updateValueAndValidity());
    // A new start day takes the end day along (a session past midnight still ends the day after).
    this.form.controls.date.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((date) => {
      const previous = this.startDate();
      this.startDate.set(date);
      const end = this.form.controls.endDate;
      const lastDay = this.program()?.endDate ?? date;
      if (date && previous !== date) end.setValue(followStartDate(previous, end.value, date, lastDay));
      this.form.controls.to.updateValueAndValidity();
    });
    // The API's words about the last attempt (a clash, a time outside the program) no longer hold once the
    // session changes; left on their controls they would keep the form invalid and Save would do nothing.
    this.form.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => clearServerErrors(this.form));
  }

  async ngOnInit(): Promise<void> {
    const [program, sessions, instructors] = await firstValueFrom(
      forkJoin([this.api.get(this.id()), this.api.sessions(this.id()), this.api.instructors({ limit: 200 })]),
    );
    this.program.set(program);
    this.sessions.set(sessions);
    this.instructors.set(instructors.items);
    this.reset();
  }

  protected reset(): void {
    this.editing.set(null);
    this.submitted.set(false);
    this.failure.set(null);
    this.form.reset({
      type: 'lecture',
      date: this.days()[0] ?? '',
      endDate: this.days()[0] ?? '',
      from: '09:00',
      to: '11:00',
      instructorIds: [],
      venue: '',
      meetingUrl: '',
    });
    this.form.controls.title.reset({ en: '', zh: '', th: '', ms: '' });
  }

  protected edit(session: Session): void {
    const zone = this.program()?.timezone ?? 'UTC';
    this.reset();
    this.editing.set(session);
    this.form.patchValue({
      type: session.type,
      date: zonedDate(session.startsAt, zone),
      endDate: zonedDate(session.endsAt, zone),
      from: zonedTime(session.startsAt, zone),
      to: zonedTime(session.endsAt, zone),
      instructorIds: session.instructorIds,
      venue: session.venue ?? '',
      meetingUrl: session.meetingUrl ?? '',
    });
    this.form.controls.title.patchValue({ en: '', zh: '', th: '', ms: '', ...session.title });
  }

  protected toggleInstructor(id: string, checked: boolean): void {
    const current = this.form.controls.instructorIds.value;
    this.form.controls.instructorIds.setValue(checked ? [...current, id] : current.filter((i) => i !== id));
  }

  protected async remove(session: Session): Promise<void> {
    this.failure.set(null);
    try {
      await firstValueFrom(this.api.deleteSession(session.id));
      this.sessions.update((list) => list.filter((s) => s.id !== session.id));
      if (this.editing()?.id === session.id) this.reset();
    } catch (error) {
      const problem = problemOf(error);
      // Attendance was taken: removing would erase it, so calling the session off is offered right away.
      if (problem.code === 'SESSION_HAS_ATTENDANCE') this.cancelDialog().open(session, true);
      else this.failure.set({ code: problem.code, detail: problem.detail });
    }
  }

  protected askCancel(session: Session): void {
    this.failure.set(null);
    this.cancelDialog().open(session);
  }

  /** A cancelled session stays in the agenda, marked; it can no longer be edited. */
  protected cancelled(session: Session): void {
    this.sessions.update((list) => list.map((s) => (s.id === session.id ? session : s)));
    if (this.editing()?.id === session.id) this.reset();
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    clearServerErrors(this.form);
    this.form.markAllAsTouched();
    const program = this.program();
    if (this.form.invalid || !program) return;
    const v = this.form.getRawValue();
    const editing = this.editing();
    const body = {
      title: localizedTextValue(this.form.controls.title),
      type: v.type,
      ...sessionInstants(v, program.timezone),
      instructorIds: v.instructorIds,
      venue: v.venue.trim() || (editing ? null : undefined),
      meetingUrl: v.meetingUrl.trim() || (editing ? null : undefined),
    };
    this.busy.set(true);
    try {
      const saved = editing
        ? await firstValueFrom(this.api.updateSession(editing.id, body as never))
        : await firstValueFrom(this.api.createSession(program.id, body as never));
      this.sessions.update((list) =>
        [...list.filter((s) => s.id !== saved.id), saved].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
      );
      this.reset();
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, {
        ...problem,
        errors: problem.errors?.map((e) => ({
          ...e,
          field:
            e.field === 'startsAt'
              ? 'from'
              : e.field === 'endsAt'
                ? 'to'
                : e.field.startsWith('instructorIds')
                  ? 'instructorIds'
                  : e.field,
        })),
      });
      this.failure.set({ code: problem.code, detail: problem.detail });
    } finally {
      this.busy.set(false);
    }
  }
}
