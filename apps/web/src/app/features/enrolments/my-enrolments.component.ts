import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { LocalizedText, MyEnrolment } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { PagedList } from '../../shared/data/paged-list';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { EnrolmentStatusComponent } from '../../shared/ui/enrolment-status.component';
import { LogisticsNeedsComponent } from '../logistics/logistics-needs.component';
import { MyLogisticsStore } from '../logistics/my-logistics.store';
import { ACTIVE_ENROLMENT_STATUSES } from './enrol-availability';
import { EnrolmentsApi } from './enrolments.api';
import { ProgramHosts } from './program-hosts';

/** A trainee's own enrolments: program, dates, status (and place on the wait-list), with Withdraw. */
@Component({
  selector: 'sb-my-enrolments',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CalendarDatePipe,
    InstantDatePipe,
    ConfirmDialogComponent,
    EnrolmentStatusComponent,
    LogisticsNeedsComponent,
  ],
  providers: [MyLogisticsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-enrolments.component.html',
  styleUrl: './my-enrolments.component.css',
})
export class MyEnrolmentsComponent implements OnInit {
  /** The level of each program's heading: under the page's h1 (My programs) 2, under a section's h2 (home) 3. */
  readonly headingLevel = input<2 | 3>(3);
  private readonly api = inject(EnrolmentsApi);
  protected readonly list = new PagedList<MyEnrolment, { limit: number }>((query) => this.api.mine(query));
  protected readonly withdrawing = signal<MyEnrolment | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly notice = signal<MyEnrolment | null>(null);
  private readonly dialog = viewChild<ConfirmDialogComponent>('confirm');

  private readonly auth = inject(AuthService);
  private readonly hosts = inject(ProgramHosts);
  /** Without a partner institution, the program's organisers decide on the trainee's applications. */
  protected readonly partnerless = computed(() => !this.auth.user()?.institutionId);
  /** Host institution names of the programs whose applications (or nominations) wait for their organisers. */
  protected readonly hostNames = signal<Readonly<Record<string, LocalizedText>>>({});

  constructor() {
    effect(() => {
      const partnerless = this.partnerless();
      const known = this.hostNames();
      // The organisers decide on a partnerless trainee's application, and on every nomination.
      const waiting = this.list
        .items()
        .filter(
          (e) => ((partnerless && e.status === 'pending') || e.status === 'nominated') && !(e.program.id in known),
        );
      for (const programId of new Set(waiting.map((e) => e.program.id))) {
        void this.hosts.hostOf(programId).then((host) => {
          if (host) this.hostNames.update((names) => ({ ...names, [programId]: host.name }));
        });
      }
    });
  }

  ngOnInit(): void {
    void this.list.load({ limit: 50 });
  }

  protected canWithdraw(enrolment: MyEnrolment): boolean {
    return ACTIVE_ENROLMENT_STATUSES.includes(enrolment.status) && enrolment.program.status === 'published';
  }

  protected ask(enrolment: MyEnrolment): void {
    this.withdrawing.set(enrolment);
    setTimeout(() => this.dialog()?.open());
  }

  protected async withdraw(): Promise<void> {
    const enrolment = this.withdrawing();
    if (!enrolment) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      const updated = await firstValueFrom(this.api.withdraw(enrolment.id));
      this.list.items.update((items) =>
        items.map((item) =>
          item.id === updated.id ? { ...item, ...updated, program: item.program, waitlistPosition: undefined } : item,
        ),
      );
      this.notice.set(enrolment);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
