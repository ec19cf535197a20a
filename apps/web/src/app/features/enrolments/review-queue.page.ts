import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal, viewChild } from '@angular/core';
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
})
export class ReviewQueuePage implements OnInit {
  private readonly api = inject(EnrolmentsApi);
  private readonly auth = inject(AuthService);
  protected readonly bulkMax = ENROLMENT_BULK_MAX;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');

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
    return { status: 'pending', q: q.trim() || undefined, programId: programId || undefined, limit: 50 };
  }

  protected async approve(ids: readonly string[]): Promise<void> {
    if (!ids.length || this.busy()) return;
    await this.decide(async () =>
      ids.length === 1
        ? [await firstValueFrom(this.api.approve(ids[0]))]
        : (await firstValueFrom(this.api.decide({ action: 'approve', enrolmentIds: [...ids] }))).items,
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
