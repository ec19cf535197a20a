import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ErrorCode,
  type AttendanceMark,
  type AttendanceStatus,
  type Program,
  type Session,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import type { HasUnsavedChanges } from '../../shared/forms/unsaved-changes.guard';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { ZonedRangeComponent } from '../../shared/time/zoned-range.component';
import { ProgramsApi } from '../programs/programs.api';
import { AttendanceApi } from './attendance.api';
import { AttendanceRegister, markErrors } from './attendance-register';

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** Words and icon of each mark: never colour alone. */
export const STATUS_LABELS: Readonly<Record<AttendanceStatus | 'unmarked', string>> = {
  present: i18nKey('attendance.statuses.present'),
  late: i18nKey('attendance.statuses.late'),
  absent: i18nKey('attendance.statuses.absent'),
  excused: i18nKey('attendance.statuses.excused'),
  unmarked: i18nKey('attendance.statuses.unmarked'),
};

const STATUS_ICONS: Readonly<Record<AttendanceStatus | 'unmarked', string>> = {
  present: 'M5 12.5l4.5 4.5L19 7.5',
  late: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Z',
  absent: 'M6 6l12 12M18 6L6 18',
  excused: 'M12 8h.01M11 11h1v6h1M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Z',
  unmarked: 'M8 12h8',
};

/**
 * Taking attendance on a phone: the session's confirmed trainees, one big
 * row each; a tap moves a trainee present → late → absent → excused. Nothing
 * is sent until Save, which replaces the session's whole register.
 */
@Component({
  selector: 'sb-take-attendance-page',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, InstantDatePipe, InstantTimePipe, ZonedRangeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './take-attendance.page.html',
  styleUrl: './take-attendance.page.css',
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
})
export class TakeAttendancePage implements OnInit, HasUnsavedChanges {
  private readonly api = inject(AttendanceApi);
  private readonly programs = inject(ProgramsApi);

  /** The session's id, from the route. */
  readonly id = input.required<string>();
  /** Whose screens this page is opened from (route data): the way back differs. */
  readonly area = input<'instructor' | 'admin'>('instructor');

  protected readonly register = new AttendanceRegister();
  protected readonly labels = STATUS_LABELS;
  protected readonly icons = STATUS_ICONS;
  protected readonly countKeys = ['present', 'late', 'absent', 'excused', 'unmarked'] as const;
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<string | null>(null);
  protected readonly program = signal<Program | null>(null);
  protected readonly session = signal<Session | null>(null);
  /** When the register was last saved: from the server at first, then each save here. */
  protected readonly savedAt = signal<string | null>(null);
  protected readonly saveState = signal<SaveState>('idle');
  protected readonly saveFailure = signal<string | null>(null);
  protected readonly rowErrors = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly back = computed(() =>
    this.area() === 'admin'
      ? {
          link: this.program() ? ['/admin/programs', this.program()?.id, 'attendance'] : ['/admin/programs'],
          label: i18nKey('adminAttendance.back'),
        }
      : { link: ['/instructor'], label: i18nKey('nav.timetable') },
  );
  /** From when marks may be written (shortly before the session starts), as the API says. */
  protected readonly opensAt = signal<string | null>(null);
  /** A session still weeks ahead has no register yet: it opens shortly before the start. */
  protected readonly notOpenYet = computed(() => {
    const opensAt = this.opensAt();
    return opensAt !== null && Date.parse(opensAt) > Date.now();
  });
  /** A closed program's registers, and those of sessions not yet open, can be read, not changed. */
  protected readonly readOnly = computed(() => {
    const status = this.program()?.status;
    return (status !== undefined && status !== 'published') || this.notOpenYet();
  });

  async ngOnInit(): Promise<void> {
    try {
      const sheet = await firstValueFrom(this.api.sheet(this.id()));
      this.register.load(sheet);
      this.savedAt.set(sheet.updatedAt ?? null);
      this.opensAt.set(sheet.opensAt ?? null);
      const [program, sessions] = await Promise.all([
        firstValueFrom(this.programs.get(sheet.programId)),
        firstValueFrom(this.programs.sessions(sheet.programId)),
      ]);
      this.program.set(program);
      this.session.set(sessions.find((s) => s.id === this.id()) ?? null);
    } catch (error) {
      this.loadFailure.set(problemOf(error).code);
    } finally {
      this.loading.set(false);
    }
  }

  protected statusKey(traineeId: string): AttendanceStatus | 'unmarked' {
    return this.register.statusOf(traineeId) ?? 'unmarked';
  }

  protected tap(traineeId: string): void {
    if (this.readOnly() || this.saveState() === 'saving') return;
    this.register.cycle(traineeId);
    this.touched(traineeId);
  }

  protected allPresent(): void {
    if (this.readOnly()) return;
    this.register.allPresent();
    this.rowErrors.set(new Map());
    this.touched();
  }

  protected discard(): void {
    this.register.discard();
    this.rowErrors.set(new Map());
    this.touched();
  }

  /** A change after a save or a failure: the old feedback no longer describes the screen. */
  private touched(traineeId?: string): void {
    if (this.saveState() !== 'saving') this.saveState.set('idle');
    if (traineeId && this.rowErrors().has(traineeId)) {
      this.rowErrors.update((errors) => {
        const next = new Map(errors);
        next.delete(traineeId);
        return next;
      });
    }
  }

  protected async save(): Promise<void> {
    if (this.readOnly() || this.saveState() === 'saving') return;
    const sent: AttendanceMark[] = this.register.marks();
    this.saveState.set('saving');
    this.saveFailure.set(null);
    this.rowErrors.set(new Map());
    try {
      const sheet = await firstValueFrom(this.api.save(this.id(), sent));
      this.register.acceptSaved(sheet, sent);
      this.savedAt.set(new Date().toISOString());
      this.saveState.set('saved');
    } catch (error) {
      const problem = problemOf(error);
      this.saveFailure.set(problem.code);
      this.rowErrors.set(markErrors(problem.errors, sent));
      this.saveState.set('error');
      if (problem.code === ErrorCode.ProgramCompleted) {
        // Closed meanwhile: read the program again so the screen turns read-only.
        const program = this.program();
        if (program) this.program.set(await firstValueFrom(this.programs.get(program.id)).catch(() => program));
      }
    }
  }

  /** Leaving the app (reload, close) with unsaved marks asks first. */
  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.register.dirty()) event.preventDefault();
  }

  /** Leaving for another page of the app with unsaved marks asks first (unsavedChangesGuard). */
  hasUnsavedChanges(): boolean {
    return this.register.dirty();
  }
}
