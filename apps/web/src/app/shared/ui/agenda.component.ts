import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { zonedDate, type Session } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { LocalizedPipe } from '../i18n/localized.pipe';
import { CalendarDatePipe } from '../time/calendar-date.pipe';
import { ZonedRangeComponent } from '../time/zoned-range.component';

interface Day {
  date: string;
  sessions: Session[];
}

/**
 * A program's sessions, day by day in the program's time zone, with type badges; optionally editable. A
 * cancelled session stays, its title and time struck through beside the "Cancelled" badge and its reason.
 */
@Component({
  selector: 'sb-agenda',
  imports: [TranslatePipe, LocalizedPipe, ZonedRangeComponent, CalendarDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (day of days(); track day.date) {
      <section class="day" [attr.aria-labelledby]="'day-' + day.date">
        <h3 [id]="'day-' + day.date">{{ day.date | calendarDate: 'long' }}</h3>
        <ol class="sessions">
          @for (session of day.sessions; track session.id) {
            <li class="session" data-testid="agenda-session">
              <sb-zoned-range
                class="time"
                data-testid="session-time"
                [class.session-struck]="session.status === 'cancelled'"
                [startsAt]="session.startsAt"
                [endsAt]="session.endsAt"
                [zone]="timezone()"
                [withDate]="spansDays(session)"
              />
              <div class="body">
                <span class="badge type type-{{ session.type }}">{{ 'sessionTypes.' + session.type | translate }}</span>
                @if (session.status === 'cancelled') {
                  <span class="badge badge-cancelled" data-testid="session-cancelled">{{
                    'sessions.cancelled' | translate
                  }}</span>
                }
                <h4 data-testid="session-title" [class.session-struck]="session.status === 'cancelled'">
                  {{ session.title | localized }}
                </h4>
                @if (session.cancelledReason) {
                  <p class="muted" data-testid="session-cancelled-reason">
                    {{ 'sessions.cancelledReason' | translate: { reason: session.cancelledReason } }}
                  </p>
                }
                @if (session.instructors.length) {
                  <p class="muted">{{ 'sessions.taughtBy' | translate }} {{ instructorNames(session) }}</p>
                }
                @if (session.venue) {
                  <p class="muted">{{ session.venue }}</p>
                }
                @if (session.meetingUrl && session.status !== 'cancelled') {
                  <p>
                    <a [href]="session.meetingUrl" target="_blank" rel="noopener">{{
                      'programs.meetingLink' | translate
                    }}</a>
                  </p>
                }
              </div>
              @if (editable()) {
                <div class="edit">
                  @if (session.status !== 'cancelled') {
                    <button type="button" class="btn btn-link" data-testid="edit-session" (click)="edit.emit(session)">
                      {{ 'forms.edit' | translate }}
                    </button>
                    <button
                      type="button"
                      class="btn btn-link"
                      data-testid="cancel-session"
                      (click)="cancelSession.emit(session)"
                    >
                      {{ 'admin.schedule.cancel.action' | translate }}
                    </button>
                  }
                  <button
                    type="button"
                    class="btn btn-link"
                    data-testid="delete-session"
                    (click)="remove.emit(session)"
                  >
                    {{ 'forms.delete' | translate }}
                  </button>
                </div>
              }
            </li>
          }
        </ol>
      </section>
    } @empty {
      <p class="card empty-state">{{ 'sessions.none' | translate }}</p>
    }
  `,
  styles: `
    .day h3 {
      font-size: 1.05rem;
      margin: 1.25rem 0 0.5rem;
    }
    .sessions {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.5rem;
    }
    .session {
      display: grid;
      grid-template-columns: minmax(9rem, 14rem) 1fr auto;
      gap: 0.75rem;
      background: var(--sb-surface);
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius);
      padding: 0.75rem 1rem;
    }
    .time {
      color: var(--sb-text);
    }
    h4 {
      margin: 0.25rem 0;
      font-size: 1rem;
    }
    .muted {
      margin: 0;
      color: var(--sb-text-muted);
      font-size: 0.92rem;
    }
    .type-ceremony,
    .type-field-visit {
      background: #fff3dc;
      color: #7a4b00;
    }
    .type-practice,
    .type-workshop {
      background: #e6f4ec;
      color: #05512f;
    }
    @media (max-width: 40rem) {
      .session {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class AgendaComponent {
  readonly sessions = input.required<Session[]>();
  readonly timezone = input.required<string>();
  readonly editable = input(false);
  readonly edit = output<Session>();
  readonly remove = output<Session>();
  /** Call a scheduled session off (with a reason), keeping it in the agenda. */
  readonly cancelSession = output<Session>();

  /** A session past midnight names both its days ("Mon 3 Sep 22:00 – Tue 4 Sep 01:30"). */
  protected spansDays(session: Session): boolean {
    return zonedDate(session.startsAt, this.timezone()) !== zonedDate(session.endsAt, this.timezone());
  }

  protected readonly days = computed<Day[]>(() => {
    const byDay = new Map<string, Session[]>();
    for (const session of this.sessions()) {
      const date = zonedDate(session.startsAt, this.timezone());
      byDay.set(date, [...(byDay.get(date) ?? []), session]);
    }
    return [...byDay].map(([date, sessions]) => ({ date, sessions }));
  });

  private readonly languages = inject(LanguageService);

  /** Names as written, with the Latin spelling beside them for viewers who do not read Chinese. */
  protected instructorNames(session: Session): string {
    const latin = this.languages.current() !== 'zh';
    return session.instructors
      .map((i) =>
        latin && i.fullNameLatin && i.fullNameLatin !== i.fullName ? `${i.fullName} (${i.fullNameLatin})` : i.fullName,
      )
      .join(', ');
  }
}
