import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  MEETING_REPORT_MAX_BYTES,
  type AttendanceImportResult,
  type AttendanceLine,
  type ImportAssignment,
  type ImportedStatus,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { AttendanceApi } from './attendance.api';
import { MeetingReportImportApi } from './meeting-report-import.api';

/** What an unmatched or ambiguous person of the report becomes: a trainee's id, or '' (left out). */
type Choice = string;

export const IMPORTED_STATUS_LABELS: Readonly<Record<ImportedStatus, string>> = {
  present: i18nKey('attendance.statuses.present'),
  late: i18nKey('attendance.statuses.late'),
  absent: i18nKey('attendance.statuses.absent'),
};

interface Failure {
  key: string;
  details: string[];
}

/**
 * Reading a meeting platform's participant report (Zoom, Teams, Tencent Meeting) into a session's register:
 * pick the file, look at what the API makes of it (a dry run), settle the people it could not place, then import.
 */
@Component({
  selector: 'sb-meeting-report-import-page',
  imports: [RouterLink, TranslatePipe, InstantTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-report-import.page.html',
  styleUrl: './meeting-report-import.page.css',
})
export class MeetingReportImportPage implements OnInit {
  private readonly api = inject(MeetingReportImportApi);
  private readonly attendance = inject(AttendanceApi);
  private readonly router = inject(Router);

  /** The session's id, from the route. */
  readonly id = input.required<string>();
  /** Whose screens the page is opened from (route data). */
  readonly area = input<'instructor' | 'admin'>('instructor');

  protected readonly statusLabels = IMPORTED_STATUS_LABELS;
  protected readonly maxMegabytes = MEETING_REPORT_MAX_BYTES / (1024 * 1024);
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly result = signal<AttendanceImportResult | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  /** The register's trainees, for placing the people the report names differently. */
  protected readonly trainees = signal<readonly AttendanceLine[]>([]);
  /** The instructor's choices by report row: a trainee's id, or '' (leave out). */
  protected readonly choices = signal<ReadonlyMap<number, Choice>>(new Map());
  protected readonly tooLarge = computed(() => (this.file()?.size ?? 0) > MEETING_REPORT_MAX_BYTES);
  protected readonly registerLink = computed(() => [`/${this.area()}/sessions`, this.id(), 'attendance']);
  /** Ambiguous people must be settled (a candidate, or left out) before importing. */
  protected readonly unsettled = computed(
    () => this.result()?.ambiguous.filter((a) => !this.choices().has(a.row)).length ?? 0,
  );

  async ngOnInit(): Promise<void> {
    try {
      const sheet = await firstValueFrom(this.attendance.sheet(this.id()));
      this.trainees.set(sheet.lines);
    } catch (error) {
      this.failure.set({ key: `errors.${problemOf(error).code}`, details: [] });
    }
  }

  protected traineeName(line: AttendanceLine): string {
    return line.fullNameLatin && line.fullNameLatin !== line.fullName
      ? `${line.fullName} (${line.fullNameLatin})`
      : line.fullName;
  }

  protected pick(input: HTMLInputElement): void {
    const chosen = input.files?.[0] ?? null;
    this.file.set(chosen);
    this.result.set(null);
    this.choices.set(new Map());
    this.failure.set(null);
    if (chosen && chosen.size > MEETING_REPORT_MAX_BYTES) {
      this.failure.set({ key: 'attendance.import.tooLarge', details: [] });
    }
  }

  protected choose(row: number, value: string): void {
    const next = new Map(this.choices());
    next.set(row, value);
    this.choices.set(next);
  }

  protected choice(row: number): string | undefined {
    return this.choices().get(row);
  }

  /** Dry run: what the report would write. */
  protected async check(): Promise<void> {
    const file = this.file();
    if (!file || this.busy() || this.tooLarge()) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      this.result.set(await firstValueFrom(this.api.import(this.id(), file, true)));
      this.choices.set(new Map());
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy.set(false);
    }
  }

  /** The instructor's choices as the API takes them: a trainee, or null (left out). */
  protected assignments(): ImportAssignment[] {
    return [...this.choices()].map(([row, traineeId]) => ({ row, traineeId: traineeId || null }));
  }

  protected async commit(): Promise<void> {
    const file = this.file();
    if (!file || this.busy() || this.unsettled() > 0) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      const result = await firstValueFrom(this.api.import(this.id(), file, false, this.assignments()));
      this.result.set(result);
      await this.router.navigate(this.registerLink(), {
        state: { imported: { matched: result.matched.length, missing: result.missing.length } },
      });
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy.set(false);
    }
  }

  private fail(error: unknown): void {
    const problem = problemOf(error);
    this.failure.set({
      key: `errors.${problem.code}`,
      details: (problem.errors ?? []).map((e) => e.message),
    });
  }
}
