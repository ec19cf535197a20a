import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ErrorCode,
  type AttendanceChangedProblem,
  type AttendanceLine,
  type AttendanceMark,
  type AttendanceSheet,
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
import {
  applyChoices,
  AttendanceRegister,
  markErrors,
  mergeRegisters,
  type MarkConflict,
  type Marks,
} from './attendance-register';
import { MarkQueue, RegisterStoreService, type QueuedMark, type SendOutcome } from './register-store';

/** How often a phone with unsent marks tries again (besides the `online` event and opening the page). */
export const RETRY_MS = 20_000;

/**
 * No answer from the API: no connection (status 0), or a gateway's stand-in (502–504 without the API's problem
 * document — a proxy, or a service worker that found no network).
 */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return false;
  if (error.status === 0) return true;
  const fromApi = !!error.error && typeof error.error === 'object' && 'code' in error.error;
  return error.status >= 502 && error.status <= 504 && !fromApi;
}

function changedProblem(error: unknown): AttendanceChangedProblem | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 412) return null;
  const body = error.error as (AttendanceChangedProblem & { code?: string }) | null;
  return body && body.code === ErrorCode.AttendanceChanged ? body : null;
}

/** A Save refused because someone else saved meanwhile: their register, and what to decide. */
interface SaveConflict {
  sheet: AttendanceSheet;
  merged: Marks;
  conflicts: MarkConflict[];
}

type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

/** Words and icon of each mark: never colour alone. */
export const STATUS_LABELS: Readonly<Record<AttendanceStatus | 'unmarked', string>> = {
  present: i18nKey('attendance.statuses.present'),
  late: i18nKey('attendance.statuses.late'),
  absent: i18nKey('attendance.statuses.absent'),
  excused: i18nKey('attendance.statuses.excused'),
  unmarked: i18nKey('attendance.statuses.unmarked'),
};

const STATUS_ICONS: Readonly<Record<AttendanceStatus | 'unmarked' | 'queued', string>> = {
  /** A phone with an arrow up: saved here, waiting to be sent. */
  queued: 'M8 3h8a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1ZM12 16V9M9.5 11.5 12 9l2.5 2.5',
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
  private readonly stores = inject(RegisterStoreService);
  private readonly store = this.stores.store;
  private readonly queue = new MarkQueue(this.store);
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> | null = null;

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
  /** Problem codes of queued marks the API refused for good, by trainee. */
  protected readonly rowErrorCodes = signal<ReadonlyMap<string, string>>(new Map());
  /** The register's version as last loaded or saved: sent as If-Match with every save. */
  protected readonly version = signal<string | null>(null);
  /** Marks saved on this phone and not yet sent, by trainee. */
  protected readonly queued = signal<ReadonlyMap<string, QueuedMark>>(new Map());
  /** Whether the browser says it has a connection. */
  protected readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** The register was opened from this phone's copy (no connection). */
  protected readonly fromCopy = signal(false);
  /** A Save refused with 412: what the other save changed, and the instructor's choice per trainee. */
  protected readonly saveConflict = signal<SaveConflict | null>(null);
  protected readonly choices = signal<ReadonlyMap<string, 'mine' | 'theirs'>>(new Map());
  /** Queued marks the server refused with 412: the mark made here and the trainee's line now. */
  protected readonly queueConflicts = signal<readonly { mark: QueuedMark; current: AttendanceLine }[]>([]);
  protected readonly nameOf = computed(() => {
    const names = new Map(this.register.lines().map((l) => [l.traineeId, l] as const));
    return (traineeId: string) => names.get(traineeId);
  });
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

  constructor() {
    const onOnline = () => {
      this.online.set(true);
      void this.flush();
    };
    const onOffline = () => this.online.set(false);
    if (typeof window !== 'undefined') {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
    }
    inject(DestroyRef).onDestroy(() => {
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      this.stopRetrying();
    });
  }

  async ngOnInit(): Promise<void> {
    try {
      const sheet = await firstValueFrom(this.api.sheet(this.id()));
      this.take(sheet);
      const [program, sessions] = await Promise.all([
        firstValueFrom(this.programs.get(sheet.programId)),
        firstValueFrom(this.programs.sessions(sheet.programId)),
      ]);
      this.program.set(program);
      this.session.set(sessions.find((s) => s.id === this.id()) ?? null);
      await this.keepCopy();
    } catch (error) {
      // No connection: the copy this phone kept when the register was last opened, if there is one.
      const copy = isNetworkError(error) ? await this.store.cached(this.id()).catch(() => undefined) : undefined;
      if (copy) {
        this.take(copy.sheet);
        this.program.set(copy.program);
        this.session.set(copy.session);
        this.fromCopy.set(true);
      } else this.loadFailure.set(problemOf(error).code);
    } finally {
      this.loading.set(false);
    }
    if (!this.loadFailure()) {
      await this.showQueued();
      void this.flush();
    }
  }

  /** Takes the server's register (loaded or saved): its marks, when it was saved, its version. */
  private take(sheet: AttendanceSheet): void {
    this.register.load(sheet);
    this.savedAt.set(sheet.updatedAt ?? null);
    this.opensAt.set(sheet.opensAt ?? null);
    this.version.set(sheet.version ?? null);
  }

  /** Keeps the register as the server has it on this phone, so the page opens without a connection. */
  private async keepCopy(): Promise<void> {
    const lines = this.register.lines();
    const version = this.version();
    const sheet: AttendanceSheet = {
      sessionId: this.id(),
      programId: this.program()?.id ?? '',
      ...(this.savedAt() ? { updatedAt: this.savedAt() as string } : {}),
      ...(this.opensAt() ? { opensAt: this.opensAt() as string } : {}),
      ...(version ? { version } : {}),
      lines: [...lines],
    } as AttendanceSheet;
    await this.store
      .cache({
        sessionId: this.id(),
        sheet,
        program: this.program(),
        session: this.session(),
        cachedAt: new Date().toISOString(),
      })
      .catch(() => undefined);
  }

  /** The queued marks, on screen as this phone's (not unsaved: they wait to be sent). */
  private async showQueued(): Promise<void> {
    const marks = await this.queue.list(this.id()).catch(() => [] as QueuedMark[]);
    this.queued.set(new Map(marks.map((m) => [m.traineeId, m] as const)));
    for (const mark of marks) this.register.settle(mark.traineeId, mark.status);
    if (marks.length) this.startRetrying();
    else this.stopRetrying();
  }

  /** Marks go to the phone's queue when there is no connection, or while earlier ones still wait. */
  private queueing(): boolean {
    return !this.online() || this.queued().size > 0;
  }

  /** The trainee's mark as the server last had it. */
  private serverStatus(traineeId: string): AttendanceStatus | null {
    return this.register.lines().find((l) => l.traineeId === traineeId)?.status ?? null;
  }

  /** Puts marks changed on screen into the phone's queue (one entry per trainee, the last tap wins). */
  private async queueChanges(traineeIds: readonly string[]): Promise<void> {
    for (const traineeId of traineeIds) {
      const status = this.register.statusOf(traineeId);
      await this.queue.add(this.id(), traineeId, status, this.serverStatus(traineeId));
      this.register.settle(traineeId, status);
    }
    await this.showQueued();
  }

  private startRetrying(): void {
    this.retryTimer ??= setInterval(() => void this.flush(), RETRY_MS);
  }

  private stopRetrying(): void {
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
  }

  private async send(mark: QueuedMark): Promise<SendOutcome> {
    try {
      const { line, version } = await firstValueFrom(
        this.api.mark(mark.sessionId, mark.traineeId, { status: mark.status, previous: mark.previous }),
      );
      if (version && !this.register.dirty() && this.queued().size <= 1) this.version.set(version);
      return { kind: 'sent', line };
    } catch (error) {
      // No connection, or the API failed on its side (try again later): the mark stays queued.
      if (isNetworkError(error) || (error instanceof HttpErrorResponse && error.status >= 500)) {
        return { kind: 'offline' };
      }
      const changed = changedProblem(error);
      if (changed?.current) return { kind: 'conflict', current: changed.current };
      return { kind: 'rejected', code: problemOf(error).code };
    }
  }

  /** Sends the queued marks one trainee at a time (PATCH with `previous`); one run at a time. */
  protected flush(): Promise<void> {
    this.flushing ??= this.sendQueue().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async sendQueue(): Promise<void> {
    if (this.readOnly()) return;
    const waiting = new Set(this.queueConflicts().map((c) => c.mark.traineeId));
    const report = await this.stores
      .exclusive(this.id(), () => this.queue.flush(this.id(), (mark) => this.send(mark), waiting))
      .catch(() => null);
    if (!report) return;
    if (report.sent.length || report.conflicts.length || report.rejected.length) this.online.set(true);
    else if (report.offline) this.online.set(false);
    for (const line of report.sent) this.register.acceptLine(line);
    if (report.conflicts.length) this.queueConflicts.update((now) => [...now, ...report.conflicts]);
    if (report.rejected.length) {
      this.rowErrorCodes.update((codes) => {
        const next = new Map(codes);
        for (const { mark, code } of report.rejected) next.set(mark.traineeId, code);
        return next;
      });
      for (const { mark } of report.rejected) this.register.settle(mark.traineeId, this.serverStatus(mark.traineeId));
    }
    await this.showQueued();
    if (report.sent.length) {
      this.savedAt.set(new Date().toISOString());
      this.saveState.set('saved');
      // Everything sent and nothing unsaved: read the register again, for the version and others' marks.
      if (!this.queued().size && !this.register.dirty()) await this.reload();
      else await this.keepCopy();
    }
  }

  private async reload(): Promise<void> {
    try {
      const sheet = await firstValueFrom(this.api.sheet(this.id()));
      this.take(sheet);
      this.fromCopy.set(false);
      await this.keepCopy();
    } catch {
      // Still the register as sent; the next save's If-Match tells if it changed.
    }
  }

  /** "Keep mine" on a queued mark the server refused: send it again over the mark the server holds now. */
  protected async keepMine(conflict: { mark: QueuedMark; current: AttendanceLine }): Promise<void> {
    await this.queue.rebase(conflict.mark, conflict.current.status);
    this.queueConflicts.update((all) => all.filter((c) => c !== conflict));
    await this.flush();
  }

  /** "Take theirs" on a queued mark the server refused: drop mine, show theirs. */
  protected async takeTheirs(conflict: { mark: QueuedMark; current: AttendanceLine }): Promise<void> {
    await this.queue.remove(conflict.mark.sessionId, conflict.mark.traineeId);
    this.register.acceptLine(conflict.current);
    this.queueConflicts.update((all) => all.filter((c) => c !== conflict));
    await this.showQueued();
    await this.keepCopy();
  }

  protected choiceOf(conflict: MarkConflict): 'mine' | 'theirs' {
    return this.choices().get(conflict.traineeId) ?? conflict.choice;
  }

  protected choose(traineeId: string, choice: 'mine' | 'theirs'): void {
    this.choices.update((all) => new Map(all).set(traineeId, choice));
  }

  protected chooseAll(choice: 'mine' | 'theirs'): void {
    const conflict = this.saveConflict();
    if (conflict) this.choices.set(new Map(conflict.conflicts.map((c) => [c.traineeId, choice] as const)));
  }

  /** Saves the merge as chosen, over the register the other save left. */
  protected async resolveSave(): Promise<void> {
    const conflict = this.saveConflict();
    if (!conflict) return;
    this.register.rebase(conflict.sheet, applyChoices(conflict.merged, conflict.conflicts, this.choices()));
    this.version.set(conflict.sheet.version ?? null);
    this.saveConflict.set(null);
    this.choices.set(new Map());
    this.saveState.set('idle');
    if (this.register.dirty()) await this.save();
    else {
      this.savedAt.set(conflict.sheet.updatedAt ?? this.savedAt());
      await this.keepCopy();
    }
  }

  protected statusKey(traineeId: string): AttendanceStatus | 'unmarked' {
    return this.register.statusOf(traineeId) ?? 'unmarked';
  }

  protected tap(traineeId: string): void {
    if (this.readOnly() || this.saveState() === 'saving' || this.saveConflict()) return;
    this.register.cycle(traineeId);
    this.touched(traineeId);
    if (this.queueing()) void this.queueChanges([traineeId]);
  }

  protected allPresent(): void {
    if (this.readOnly() || this.saveConflict()) return;
    this.register.allPresent();
    this.rowErrors.set(new Map());
    this.touched();
    if (this.queueing()) void this.queueChanges(this.register.changed());
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
    if (this.readOnly() || this.saveState() === 'saving' || this.saveConflict()) return;
    if (this.queueing()) {
      await this.queueChanges(this.register.changed());
      void this.flush();
      return;
    }
    const sent: AttendanceMark[] = this.register.marks();
    this.saveState.set('saving');
    this.saveFailure.set(null);
    this.rowErrors.set(new Map());
    try {
      const sheet = await firstValueFrom(this.api.save(this.id(), sent, this.version() ?? undefined));
      this.register.acceptSaved(sheet, sent);
      this.version.set(sheet.version ?? null);
      this.savedAt.set(new Date().toISOString());
      this.saveState.set('saved');
      await this.keepCopy();
    } catch (error) {
      if (isNetworkError(error)) {
        // The connection dropped: the marks wait on this phone and go one trainee at a time when it is back.
        this.online.set(false);
        this.saveState.set('idle');
        await this.queueChanges(this.register.changed());
        return;
      }
      const changed = changedProblem(error);
      if (changed?.sheet) {
        this.showSaveConflict(changed.sheet);
        return;
      }
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

  /** Someone else saved meanwhile: what they changed, merged per trainee until the instructor decides. */
  private showSaveConflict(sheet: AttendanceSheet): void {
    const { merged, conflicts } = mergeRegisters(this.register.savedMarks(), this.register.currentMarks(), sheet.lines);
    if (!conflicts.length) {
      // They changed nothing you see differently: save your marks over their register at once.
      this.register.rebase(sheet, merged);
      this.version.set(sheet.version ?? null);
      this.saveState.set('idle');
      void this.save();
      return;
    }
    this.choices.set(new Map());
    this.saveConflict.set({ sheet, merged, conflicts });
    this.saveState.set('conflict');
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
