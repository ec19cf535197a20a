import { ChangeDetectionStrategy, Component, inject, OnInit, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import {
  PRIVACY_REQUEST_STATUSES,
  type PrivacyRequest,
  type PrivacyRequestListQuery,
  type PrivacyRequestStatus,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { PagedList } from '../../shared/data/paged-list';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { ReasonDialogComponent } from '../../shared/ui/reason-dialog.component';
import { ErasureApi } from '../privacy/erasure.api';

/** Whether an open request is past its due date at `now`. */
export function isOverdue(request: Pick<PrivacyRequest, 'status' | 'dueAt'>, now: number): boolean {
  return request.status === 'pending' && new Date(request.dueAt).getTime() < now;
}

/**
 * The admins' queue of erasure requests (issue 23), the most urgent first:
 * each with its due date (overdue ones stand out); completing one erases the
 * person for good (a confirmation says so), refusing one needs a reason.
 */
@Component({
  selector: 'sb-privacy-requests-page',
  imports: [ReactiveFormsModule, TranslatePipe, InstantDatePipe, ConfirmDialogComponent, ReasonDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './privacy-requests.page.html',
  styles: `
    tr.overdue td {
      background: var(--sb-error-bg);
    }
    .overdue-badge {
      color: var(--sb-danger);
      font-weight: 600;
    }
  `,
})
export class PrivacyRequestsPage implements OnInit {
  private readonly api = inject(ErasureApi);
  protected readonly statuses = PRIVACY_REQUEST_STATUSES;
  protected readonly status = new FormControl<PrivacyRequestStatus | ''>('pending', { nonNullable: true });
  protected readonly list = new PagedList<PrivacyRequest, PrivacyRequestListQuery>((query) => this.api.list(query));
  protected readonly now = signal(Date.now());
  protected readonly selected = signal<PrivacyRequest | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly done = signal<'completed' | 'refused' | null>(null);
  private readonly completeDialog = viewChild.required(ConfirmDialogComponent);
  private readonly refuseDialog = viewChild.required(ReasonDialogComponent);
  protected readonly overdue = (request: PrivacyRequest) => isOverdue(request, this.now());

  ngOnInit(): void {
    void this.reload();
    this.status.valueChanges.subscribe(() => void this.reload());
  }

  protected query(): PrivacyRequestListQuery {
    return { status: this.status.value || undefined, limit: 50 };
  }

  private async reload(): Promise<void> {
    this.now.set(Date.now());
    await this.list.load(this.query());
  }

  protected askComplete(request: PrivacyRequest): void {
    this.prepare(request);
    this.completeDialog().open();
  }

  protected askRefuse(request: PrivacyRequest): void {
    this.prepare(request);
    this.refuseDialog().open();
  }

  private prepare(request: PrivacyRequest): void {
    this.selected.set(request);
    this.failure.set(null);
    this.done.set(null);
  }

  protected async complete(): Promise<void> {
    const request = this.selected();
    if (request) await this.decide(() => firstValueFrom(this.api.complete(request.id)), 'completed');
  }

  protected async refuse(reason: string): Promise<void> {
    const request = this.selected();
    if (request) await this.decide(() => firstValueFrom(this.api.refuse(request.id, { reason })), 'refused');
  }

  private async decide(call: () => Promise<PrivacyRequest>, outcome: 'completed' | 'refused'): Promise<void> {
    this.busy.set(true);
    try {
      const decided = await call();
      this.list.items.update((items) => items.map((r) => (r.id === decided.id ? decided : r)));
      this.done.set(outcome);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
