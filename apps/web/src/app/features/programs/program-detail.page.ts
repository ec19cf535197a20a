import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { Institution, Program, Session } from '@skillbridge/contracts';
import { firstValueFrom, forkJoin } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ZonedTimePipe } from '../../shared/time/zoned-time.pipe';
import { AgendaComponent } from '../../shared/ui/agenda.component';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { ProgramsApi } from './programs.api';

/** A program as its readers see it — in their language, its agenda in its zone and theirs — with admin actions. */
@Component({
  selector: 'sb-program-detail-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CalendarDatePipe,
    ZonedTimePipe,
    AgendaComponent,
    ConfirmDialogComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-detail.page.html',
  styleUrl: './program-detail.page.css',
})
export class ProgramDetailPage implements OnInit {
  private readonly api = inject(ProgramsApi);
  private readonly http = inject(HttpClient);
  protected readonly auth = inject(AuthService);

  readonly id = input.required<string>();

  protected readonly program = signal<Program | null>(null);
  protected readonly sessions = signal<Session[]>([]);
  protected readonly institutions = signal<Institution[]>([]);
  protected readonly failure = signal<string | null>(null);
  protected readonly pending = signal<'publish' | 'cancel' | null>(null);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly host = computed(() => this.institutions().find((i) => i.id === this.program()?.hostInstitutionId));
  protected readonly partners = computed(() =>
    this.institutions().filter((i) => this.program()?.partnerInstitutionIds.includes(i.id)),
  );
  private readonly dialog = viewChild<ConfirmDialogComponent>('confirm');

  async ngOnInit(): Promise<void> {
    try {
      const [program, sessions] = await firstValueFrom(
        forkJoin([this.api.get(this.id()), this.api.sessions(this.id())]),
      );
      this.program.set(program);
      this.sessions.set(sessions);
      const ids = [program.hostInstitutionId, ...program.partnerInstitutionIds];
      this.institutions.set(
        await firstValueFrom(forkJoin(ids.map((id) => this.http.get<Institution>(`/api/v1/institutions/${id}`)))),
      );
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
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

  protected download(): void {
    const program = this.program();
    if (program) void this.api.downloadCalendar(`/api/v1/programs/${program.id}/schedule.ics`, `${program.code}.ics`);
  }
}
