import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  OnInit,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ENROLMENT_STATUSES,
  type CountryCode,
  type Enrolment,
  type EnrolmentStatus,
  type Institution,
  type Program,
  type RosterEntry,
  type RosterQuery,
} from '@skillbridge/contracts';
import { debounceTime, firstValueFrom, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { PagedList } from '../../shared/data/paged-list';
import { CountryNamePipe } from '../../shared/i18n/country-name.pipe';
import { CountryNames } from '../../shared/i18n/countries';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { EnrolmentStatusComponent } from '../../shared/ui/enrolment-status.component';
import { ReasonDialogComponent } from '../../shared/ui/reason-dialog.component';
import { SeatGaugeComponent } from '../../shared/ui/seat-gauge.component';
import { AdminApi } from '../admin/admin.api';
import { ACTIVE_ENROLMENT_STATUSES } from '../enrolments/enrol-availability';
import { EnrolmentsApi, type RosterFormat } from '../enrolments/enrolments.api';
import { ProgramsApi } from '../programs/programs.api';
import { EnrolTraineeComponent } from './enrol-trainee.component';

type RowAction = 'reject' | 'withdraw';

/**
 * A program's roster, server-paginated and filtered, with its seats, an
 * export to CSV or XLSX (same filters, headers in the viewer's language), a
 * way to enrol a trainee, and per-row decisions. Admins see every
 * institution and may withdraw; partners see only their own trainees and
 * choose among the programs open to them.
 */
@Component({
  selector: 'sb-roster-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CountryNamePipe,
    CalendarDatePipe,
    InstantDatePipe,
    EnrolmentStatusComponent,
    ReasonDialogComponent,
    SeatGaugeComponent,
    EnrolTraineeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './roster.page.html',
  styleUrl: './roster.page.css',
})
export class RosterPage implements OnInit {
  private readonly api = inject(EnrolmentsApi);
  private readonly programsApi = inject(ProgramsApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly countries = inject(CountryNames);
  protected readonly statuses = ENROLMENT_STATUSES;

  /** The program whose roster is shown; a partner first picks one. */
  readonly id = input<string>();

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly programs = toSignal(this.programsApi.list({ limit: 200 }).pipe(map((page) => page.items)), {
    initialValue: [] as Program[],
  });
  protected readonly institutions = toSignal(
    inject(AdminApi)
      .institutions({ limit: 200 })
      .pipe(map((page) => page.items)),
    { initialValue: [] as Institution[] },
  );
  protected readonly institutionById = computed(() => new Map(this.institutions().map((i) => [i.id, i])));

  protected readonly program = signal<Program | null>(null);
  protected readonly programFailure = signal<string | null>(null);
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    status: new FormControl<EnrolmentStatus | ''>('', { nonNullable: true }),
    nationality: new FormControl<CountryCode | ''>('', { nonNullable: true }),
    institutionId: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<RosterEntry, RosterQuery>((query) =>
    this.api.roster(this.id() as string, query),
  );

  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly exporting = signal<RosterFormat | null>(null);
  protected readonly pendingAction = signal<{ action: RowAction; entry: RosterEntry } | null>(null);
  private readonly reasonDialog = viewChild<ReasonDialogComponent>('reasonDialog');

  constructor() {
    // The same page serves every program: load again whenever the route's id changes.
    effect(() => {
      const id = this.id();
      untracked(() => void this.open(id));
    });
  }

  ngOnInit(): void {
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => {
      if (this.id()) void this.list.load(this.query());
    });
  }

  private async open(id: string | undefined): Promise<void> {
    this.program.set(null);
    this.programFailure.set(null);
    this.failure.set(null);
    this.list.items.set([]);
    if (!id) return;
    void this.list.load(this.query());
    await this.reloadProgram();
  }

  private async reloadProgram(): Promise<void> {
    const id = this.id();
    if (!id) return;
    try {
      this.program.set(await firstValueFrom(this.programsApi.get(id)));
    } catch (error) {
      this.programFailure.set(problemOf(error).code);
    }
  }

  protected query(): RosterQuery {
    const { q, status, nationality, institutionId } = this.filters.getRawValue();
    return {
      q: q.trim() || undefined,
      status: status || undefined,
      nationality: nationality || undefined,
      institutionId: (this.isAdmin() && institutionId) || undefined,
      limit: 50,
    };
  }

  protected choose(programId: string): void {
    if (!programId) return;
    void this.router.navigate(
      this.isAdmin() ? ['/admin/programs', programId, 'roster'] : ['/partner/rosters', programId],
    );
  }

  protected async export(format: RosterFormat): Promise<void> {
    const program = this.program();
    if (!program) return;
    this.exporting.set(format);
    this.failure.set(null);
    try {
      await this.api.downloadRoster(program.id, format, this.query(), `${program.code}-roster.${format}`);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.exporting.set(null);
    }
  }

  protected canApprove(entry: RosterEntry): boolean {
    return entry.status === 'pending';
  }

  /** A partner's approval where the host reviews each person nominates: the button says so. */
  protected readonly approvalNominates = computed(() => !this.isAdmin() && this.program()?.hostReview === true);

  /** The host office accepts (or declines) a nomination. */
  protected canAccept(entry: RosterEntry): boolean {
    return this.isAdmin() && entry.status === 'nominated';
  }

  protected canReject(entry: RosterEntry): boolean {
    return entry.status === 'pending' || entry.status === 'waitlisted' || this.canAccept(entry);
  }

  protected canWithdraw(entry: RosterEntry): boolean {
    return this.isAdmin() && ACTIVE_ENROLMENT_STATUSES.includes(entry.status);
  }

  protected async approve(entry: RosterEntry): Promise<void> {
    await this.act(() => firstValueFrom(this.api.approve(entry.id)));
  }

  protected async accept(entry: RosterEntry): Promise<void> {
    await this.act(() => firstValueFrom(this.api.accept(entry.id)));
  }

  protected ask(action: RowAction, entry: RosterEntry): void {
    this.pendingAction.set({ action, entry });
    setTimeout(() => this.reasonDialog()?.open());
  }

  protected async confirmAction(reason: string): Promise<void> {
    const pending = this.pendingAction();
    if (!pending) return;
    const { action, entry } = pending;
    await this.act(() =>
      firstValueFrom(
        action === 'reject'
          ? this.api.reject(entry.id, { reason })
          : this.api.withdraw(entry.id, reason ? { reason } : {}),
      ),
    );
  }

  /** A trainee was enrolled from the search: they and the seats show at once. */
  protected async enrolled(): Promise<void> {
    await Promise.all([this.list.load(this.query()), this.reloadProgram()]);
  }

  /**
   * Runs a row decision, then reads the roster and the seats back: a
   * withdrawal may have promoted someone else from the wait-list.
   */
  private async act(run: () => Promise<Enrolment>): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await run();
      await Promise.all([this.list.load(this.query()), this.reloadProgram()]);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
