import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { Program, Session } from '@skillbridge/contracts';
import { firstValueFrom, forkJoin } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ZonedTimePipe } from '../../shared/time/zoned-time.pipe';
import { ProgramsApi } from '../programs/programs.api';

/**
 * An admin's way into a program's registers and scores: its sessions, each
 * opening the register the instructor uses, and the program's score sheet.
 */
@Component({
  selector: 'sb-program-attendance-page',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, ZonedTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back">
      <a routerLink="/admin/programs">← {{ 'nav.programs' | translate }}</a>
    </p>
    <h1 data-testid="program-attendance-heading">{{ 'adminAttendance.title' | translate }}</h1>
    @if (failure(); as code) {
      <div class="alert alert-error" role="alert">{{ 'errors.' + code | translate }}</div>
    }
    @if (program(); as program) {
      <p class="lead">{{ program.title | localized }} · {{ program.code }}</p>
      <p>
        <a
          class="btn btn-primary"
          [routerLink]="['/admin/programs', program.id, 'scores']"
          data-testid="admin-scores-link"
          >{{ 'attendance.scores.link' | translate }}</a
        >
      </p>
      <h2>{{ 'adminAttendance.sessions' | translate }}</h2>
      <ul class="sessions" data-testid="admin-session-list">
        @for (session of sessions(); track session.id) {
          <li class="card session" data-testid="admin-session" [attr.data-session-id]="session.id">
            <div class="what">
              <strong [class.session-struck]="session.status === 'cancelled'">{{ session.title | localized }}</strong>
              <span class="hint" [class.session-struck]="session.status === 'cancelled'">{{
                session.startsAt | zonedTime: program.timezone : 'date'
              }}</span>
              @if (session.status === 'cancelled') {
                <span class="badge badge-cancelled">{{ 'sessions.cancelled' | translate }}</span>
              }
              @if (session.cancelledReason) {
                <span class="hint" data-testid="session-cancelled-reason">{{
                  'sessions.cancelledReason' | translate: { reason: session.cancelledReason }
                }}</span>
              }
            </div>
            @if (session.status !== 'cancelled') {
              <a
                class="btn btn-secondary"
                [routerLink]="['/admin/sessions', session.id, 'attendance']"
                data-testid="admin-take-attendance"
                >{{ 'attendance.take.link' | translate }}</a
              >
            }
          </li>
        } @empty {
          <li class="card empty-state">
            {{ 'adminAttendance.noSessions' | translate }}
            <a [routerLink]="['/admin/programs', program.id, 'schedule']">{{ 'admin.schedule.title' | translate }}</a>
          </li>
        }
      </ul>
    } @else if (!failure()) {
      <p class="loading" role="status">{{ 'forms.loading' | translate }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      max-width: 56rem;
    }
    .sessions {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .session {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-bottom: 0.75rem;
    }
    .what {
      display: flex;
      flex-direction: column;
      gap: 0.15rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class ProgramAttendancePage implements OnInit {
  private readonly api = inject(ProgramsApi);

  /** The program's id, from the route. */
  readonly id = input.required<string>();

  protected readonly program = signal<Program | null>(null);
  protected readonly sessions = signal<Session[]>([]);
  protected readonly failure = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const [program, sessions] = await firstValueFrom(
        forkJoin([this.api.get(this.id()), this.api.sessions(this.id())]),
      );
      this.sessions.set(sessions);
      this.program.set(program);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }
}
