import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ErrorCode,
  zonedDate,
  type Institution,
  type MyEnrolment,
  type Program,
  type Session,
} from '@skillbridge/contracts';
import { catchError, firstValueFrom, forkJoin, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { ZoneNamePipe } from '../../shared/time/zone-name.pipe';
import { ZonedRangeComponent } from '../../shared/time/zoned-range.component';
import { ZonedTimePipe } from '../../shared/time/zoned-time.pipe';
import { AgendaComponent } from '../../shared/ui/agenda.component';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { EnrolmentStatusComponent } from '../../shared/ui/enrolment-status.component';
import { enrolAvailability } from '../enrolments/enrol-availability';
import { EnrolmentsApi } from '../enrolments/enrolments.api';
import { DuplicateProgramDialogComponent } from './duplicate-program-dialog.component';
import { InstitutionSeatsComponent } from './institution-seats.component';
import { programBadges, showsSeats } from './program-badges';
import { ProgramsApi } from './programs.api';

/**
 * A program as its readers see it — in their language, its agenda in its zone
 * and theirs — with "Enrol" for trainees (or their status once enrolled),
 * roster links for staff, and admin actions.
 */
@Component({
  selector: 'sb-program-detail-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CalendarDatePipe,
    ZonedTimePipe,
    ZoneNamePipe,
    ZonedRangeComponent,
    AgendaComponent,
    ConfirmDialogComponent,
    EnrolmentStatusComponent,
    DuplicateProgramDialogComponent,
    InstitutionSeatsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-detail.page.html',
  styleUrl: './program-detail.page.css',
})
export class ProgramDetailPage implements OnInit {
  private readonly api = inject(ProgramsApi);
  private readonly enrolments = inject(EnrolmentsApi);
  private readonly http = inject(HttpClient);
  protected readonly auth = inject(AuthService);

  readonly id = input.required<string>();

  protected readonly program = signal<Program | null>(null);
  protected readonly sessions = signal<Session[]>([]);
  protected readonly institutions = signal<Institution[]>([]);
  protected readonly failure = signal<string | null>(null);
  protected readonly pending = signal<'publish' | 'cancel' | null>(null);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly isTrainee = computed(() => this.auth.role() === 'trainee');
  protected readonly isPartner = computed(() => this.auth.role() === 'partner');
  /** A trainee without a partner institution: the program's organisers decide on their application. */
  protected readonly partnerless = computed(() => this.isTrainee() && !this.auth.user()?.institutionId);

  /** The trainee's own enrolment in this program, once known. */
  protected readonly mine = signal<MyEnrolment | null>(null);
  protected readonly mineLoaded = signal(false);
  /** Set right after enrolling here, so the result is announced. */
  protected readonly justEnrolled = signal(false);
  protected readonly enrolling = signal(false);
  protected readonly enrolFailure = signal<string | null>(null);
  private readonly now = signal(new Date());
  protected readonly availability = computed(() => {
    const program = this.program();
    return program ? enrolAvailability(program, this.mine()?.status ?? null, this.now()) : null;
  });
  protected readonly full = computed(() => {
    const seats = this.program()?.seats;
    return !!seats && seats.available <= 0;
  });
  private readonly viewerZone = inject(ViewerZone);
  /** The viewer's calendar day, against which a program is over. */
  private readonly today = computed(() => zonedDate(this.now(), this.viewerZone.zone()));
  protected readonly badges = computed(() => {
    const program = this.program();
    // Admins see the status itself beside them; "Cancelled" would say it twice.
    const badges = program ? programBadges(program, this.today()) : [];
    return this.isAdmin() ? badges.filter((badge) => badge !== 'cancelled') : badges;
  });
  /** Free seats are said only while there are seats to take: never "300 of 300 left" on a program that ended. */
  protected readonly seatsShown = computed(() => {
    const program = this.program();
    return !!program && showsSeats(program, this.today());
  });
  protected readonly host = computed(() => this.institutions().find((i) => i.id === this.program()?.hostInstitutionId));
  protected readonly partners = computed(() =>
    this.institutions().filter((i) => this.program()?.partnerInstitutionIds.includes(i.id)),
  );
  private readonly dialog = viewChild<ConfirmDialogComponent>('confirm');
  private readonly duplicateDialog = viewChild(DuplicateProgramDialogComponent);
  /** The enrolments a cancellation would end (its confirm dialog says how many). */
  protected readonly activeEnrolments = computed(() => {
    const seats = this.program()?.seats;
    return seats ? seats.confirmed + seats.waitlisted + seats.pending + seats.nominated : 0;
  });

  async ngOnInit(): Promise<void> {
    try {
      const [program, sessions] = await firstValueFrom(
        forkJoin([this.api.get(this.id()), this.api.sessions(this.id())]),
      );
      this.program.set(program);
      this.sessions.set(sessions);
      if (this.isTrainee()) await this.loadMine().catch(() => undefined);
      const ids = [program.hostInstitutionId, ...program.partnerInstitutionIds];
      // The seats by institution may name others (people of an institution not among the partners): their
      // names are extra, so one the viewer may not read leaves its line with the code it has, or none.
      const more = [...new Set((program.seats.byInstitution ?? []).map((line) => line.institutionId))].filter(
        (id) => !ids.includes(id),
      );
      const [listed, extra] = await firstValueFrom(
        forkJoin([
          forkJoin(ids.map((id) => this.http.get<Institution>(`/api/v1/institutions/${id}`))),
          more.length
            ? forkJoin(
                more.map((id) =>
                  this.http.get<Institution>(`/api/v1/institutions/${id}`).pipe(catchError(() => of(null))),
                ),
              )
            : of([] as (Institution | null)[]),
        ]),
      );
      this.institutions.set([...listed, ...extra.filter((i): i is Institution => i !== null)]);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  /** After "Duplicate": the same page, now for the new draft (its `id` input changed; the page stays). */
  protected async reload(): Promise<void> {
    this.program.set(null);
    this.sessions.set([]);
    this.institutions.set([]);
    this.failure.set(null);
    await this.ngOnInit();
  }

  protected openDuplicate(): void {
    this.duplicateDialog()?.open();
  }

  protected ask(action: 'publish' | 'cancel'): void {
    this.pending.set(action);
    setTimeout(() => this.dialog()?.open());
  }

  protected async run(): Promise<void> {
    const action = this.pending();
    if (!action) return;
    try {
      this.program.set(await firstValueFrom(this.api.transition(this.id(), action)));
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  /** Pages through the trainee's enrolments for this program's (a trainee has few). */
  private async loadMine(): Promise<void> {
    let cursor: string | undefined;
    try {
      do {
        const page = await firstValueFrom(this.enrolments.mine({ limit: 200, cursor }));
        const found = page.items.find((item) => item.programId === this.id());
        if (found) {
          this.mine.set(found);
          break;
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    } finally {
      this.mineLoaded.set(true);
    }
  }

  protected async enrol(): Promise<void> {
    this.enrolling.set(true);
    this.enrolFailure.set(null);
    try {
      await firstValueFrom(this.enrolments.enrol(this.id()));
      this.justEnrolled.set(true);
    } catch (error) {
      const code = problemOf(error).code;
      // Enrolled meanwhile (another tab): show that enrolment rather than an error.
      if (code !== ErrorCode.AlreadyEnrolled) this.enrolFailure.set(code);
      // The account's address is not confirmed: the session may not know yet (confirmed in another tab, or not).
      if (code === ErrorCode.EmailNotVerified) await this.auth.reloadUser().catch(() => undefined);
    } finally {
      // The seat counters and the wait-list place changed; read them back.
      const [program] = await Promise.all([
        firstValueFrom(this.api.get(this.id())).catch(() => null),
        this.loadMine().catch(() => undefined),
      ]);
      if (program) this.program.set(program);
      this.now.set(new Date());
      this.enrolling.set(false);
    }
  }

  protected download(): void {
    const program = this.program();
    if (program) void this.api.downloadCalendar(`/api/v1/programs/${program.id}/schedule.ics`, `${program.code}.ics`);
  }
}
