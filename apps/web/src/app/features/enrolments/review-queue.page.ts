import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ENROLMENT_BULK_MAX,
  type Enrolment,
  type EnrolmentQueueEntry,
  type EnrolmentQueueQuery,
  type Program,
} from '@skillbridge/contracts';
import { debounceTime, firstValueFrom, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { PagedList } from '../../shared/data/paged-list';
import { Selection } from '../../shared/data/selection';
import { CountryNamePipe } from '../../shared/i18n/country-name.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { ReasonDialogComponent } from '../../shared/ui/reason-dialog.component';
import { ProgramsApi } from '../programs/programs.api';
import { summarizeDecisions, type DecisionSummary } from './decisions';
import { EnrolmentsApi } from './enrolments.api';

/**
 * Applications waiting for a decision (a partner sees its own institution's
 * trainees): tick many and approve or reject them in one go, all or none,
 * or decide one row at a time. A rejection always carries a reason.
 * A partner's approval on a program whose host reviews each person is a
 * nomination, and the button says so. With `queue: 'nominations'` (admins)
 * the same page lists the nominated people, to accept or decline.
 */
@Component({
  selector: 'sb-review-queue-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CountryNamePipe,
    InstantDatePipe,
    ReasonDialogComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review-queue.page.html',
  styleUrl: './review-queue.page.css',
})
export class ReviewQueuePage implements OnInit {
  private readonly api = inject(EnrolmentsApi);
  private readonly auth = inject(AuthService);
  protected readonly bulkMax = ENROLMENT_BULK_MAX;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  /** Which queue: applications (`pending`) or, for admins, nominations awaiting the host (`nominated`). */
  readonly queue = input<'applications' | 'nominations'>('applications');
  protected readonly nominations = computed(() => this.queue() === 'nominations');

  protected readonly programs = toSignal(
    inject(ProgramsApi)
      .list({ limit: 200 })
      .pipe(map((page) => page.items)),
    { initialValue: [] as Program[] },
  );
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    programId: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<EnrolmentQueueEntry, EnrolmentQueueQuery>((query) => this.api.queue(query));
  protected readonly selection = new Selection();
  protected readonly visibleIds = computed(() => this.list.items().map((entry) => entry.id));
  /** Programs whose host accepts each nominated person: a partner's approval there nominates. */
  private readonly hostReviewed = computed(
    () =>
      new Set(
        this.programs()
          .filter((program) => program.hostReview)
          .map((program) => program.id),
      ),
  );
  /** Whether approving this entry nominates it (a partner, on a program with host review). */
  protected nominates(entry: Pick<EnrolmentQueueEntry, 'programId'>): boolean {
    return !this.nominations() && !this.isAdmin() && this.hostReviewed().has(entry.programId);
  }
  /** Some of the partner's listed applications are for programs whose host reviews each person. */
  protected readonly hasHostReviewed = computed(() => this.list.items().some((entry) => this.nominates(entry)));
  /** Every selected entry would be nominated: the bulk button says "Nominate". */
  protected readonly selectionNominates = computed(() => {
    const selected = new Set(this.selection.selected());
    const entries = this.list.items().filter((entry) => selected.has(entry.id));
    return entries.length > 0 && entries.every((entry) => this.nominates(entry));
  });

  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly notice = signal<DecisionSummary | null>(null);
  /** The applications the reject dialog is about. */
  protected readonly rejecting = signal<string[] | null>(null);
  private readonly rejectDialog = viewChild<ReasonDialogComponent>('rejectDialog');

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => {
      this.selection.clear();
      void this.list.load(this.query());
    });
  }

  protected query(): EnrolmentQueueQuery {
    const { q, programId } = this.filters.getRawValue();
    return {
      status: this.nominations() ? 'nominated' : 'pending',
      q: q.trim() || undefined,
      programId: programId || undefined,
      limit: 50,
    };
  }

  protected async approve(ids: readonly string[]): Promise<void> {
    if (!ids.length || this.busy()) return;
    // A nomination is accepted by the host; an application approved (by its partner, or by an admin).
    const action = this.nominations() ? 'accept' : 'approve';
    await this.decide(async () =>
      ids.length === 1
        ? [await firstValueFrom(action === 'accept' ? this.api.accept(ids[0]) : this.api.approve(ids[0]))]
        : (await firstValueFrom(this.api.decide({ action, enrolmentIds: [...ids] }))).items,
    );
  }

  protected askReject(ids: readonly string[]): void {
    if (!ids.length || this.busy()) return;
    this.rejecting.set([...ids]);
    setTimeout(() => this.rejectDialog()?.open());
  }

  protected async reject(reason: string): Promise<void> {
    const ids = this.rejecting();
    if (!ids?.length) return;
    await this.decide(async () =>
      ids.length === 1
        ? [await firstValueFrom(this.api.reject(ids[0], { reason }))]
        : (await firstValueFrom(this.api.decide({ action: 'reject', enrolmentIds: ids, reason }))).items,
    );
  }

  /** Runs a decision; decided rows leave the queue and their ticks go with them. */
  private async decide(run: () => Promise<Enrolment[]>): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    try {
      const decided = await run();
      const ids = new Set(decided.map((item) => item.id));
      this.list.items.update((items) => items.filter((item) => !ids.has(item.id)));
      this.selection.retain(this.visibleIds());
      this.notice.set(summarizeDecisions(decided));
    } catch (error) {
      // All or none: a failed bulk decision changed nothing, so the ticks stay for another try.
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
