import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { zonedDate, type TimetableEntry } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarSubscribeComponent } from '../../shared/calendar/calendar-subscribe.component';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { ZonedRangeComponent } from '../../shared/time/zoned-range.component';
import { ProgramsApi } from '../programs/programs.api';

const WINDOW_DAYS = 56;
const DAY_MS = 86_400_000;

/**
 * "My timetable": the instructor's sessions eight weeks at a time, by day in their own zone, with an .ics download
 * and the subscription to their own calendar.
 */
@Component({
  selector: 'sb-instructor-home-page',
  imports: [
    TranslatePipe,
    RouterLink,
    LocalizedPipe,
    CalendarDatePipe,
    ZonedRangeComponent,
    CalendarSubscribeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './instructor-home.page.html',
  styleUrl: './instructor-home.page.css',
})
export class InstructorHomePage implements OnInit {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(ProgramsApi);
  private readonly viewer = inject(ViewerZone);

  protected readonly from = signal(new Date(new Date().setHours(0, 0, 0, 0)));
  protected readonly to = computed(() => new Date(this.from().getTime() + WINDOW_DAYS * DAY_MS));
  protected readonly entries = signal<TimetableEntry[]>([]);
  protected readonly loading = signal(true);
  protected readonly failure = signal<string | null>(null);
  protected readonly days = computed(() => {
    const byDay = new Map<string, TimetableEntry[]>();
    for (const entry of this.entries()) {
      const day = zonedDate(entry.startsAt, this.viewer.zone());
      byDay.set(day, [...(byDay.get(day) ?? []), entry]);
    }
    return [...byDay].map(([date, entries]) => ({ date, entries }));
  });
  protected readonly fromDate = computed(() => zonedDate(this.from(), this.viewer.zone()));
  protected readonly toDate = computed(() => zonedDate(new Date(this.to().getTime() - DAY_MS), this.viewer.zone()));

  ngOnInit(): void {
    void this.load();
  }

  protected shift(direction: -1 | 1): void {
    this.from.set(new Date(this.from().getTime() + direction * WINDOW_DAYS * DAY_MS));
    void this.load();
  }

  private async load(): Promise<void> {
    const instructorId = this.auth.user()?.instructorId;
    if (!instructorId) return;
    this.loading.set(true);
    this.failure.set(null);
    try {
      this.entries.set(
        await firstValueFrom(this.api.timetable(instructorId, this.from().toISOString(), this.to().toISOString())),
      );
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.loading.set(false);
    }
  }

  protected download(): void {
    const instructorId = this.auth.user()?.instructorId;
    if (instructorId)
      void this.api.downloadCalendar(`/api/v1/instructors/${instructorId}/schedule.ics`, 'timetable.ics');
  }
}
