import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { LogisticsStatusEntry } from '@skillbridge/contracts';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { arrivalsPerDay } from './logistics-form';

/**
 * Arrivals per day in the program's zone: plain bars (CSS), each with its day and count in words, and
 * the same numbers as a table for those who prefer figures. Nothing here needs colour to be read.
 */
@Component({
  selector: 'sb-arrivals-chart',
  imports: [TranslatePipe, CalendarDatePipe, LocalNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart-head">
      <p class="hint" id="arrivals-chart-desc">
        {{ 'logistics.arrivals.description' | translate: { count: total() } }}
      </p>
      @if (days().length) {
        <button
          type="button"
          class="btn btn-link"
          [attr.aria-pressed]="asTable()"
          data-testid="arrivals-toggle"
          (click)="asTable.set(!asTable())"
        >
          {{ (asTable() ? 'reports.charts.showChart' : 'reports.charts.showTable') | translate }}
        </button>
      }
    </div>
    @if (!days().length) {
      <p class="empty-state" data-testid="arrivals-empty">{{ 'logistics.arrivals.empty' | translate }}</p>
    } @else if (asTable()) {
      <div class="table-wrap" role="group" [attr.aria-label]="'logistics.arrivals.title' | translate">
        <table class="table" data-testid="arrivals-table">
          <thead>
            <tr>
              <th scope="col">{{ 'logistics.arrivals.day' | translate }}</th>
              <th scope="col">{{ 'logistics.arrivals.count' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (day of days(); track day.date) {
              <tr>
                <td class="nowrap">{{ day.date | calendarDate: 'long' }}</td>
                <td class="num">{{ day.count | localNumber }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <ul class="bars" data-testid="arrivals-chart" aria-describedby="arrivals-chart-desc">
        @for (day of days(); track day.date) {
          <li class="bar-row" data-testid="arrivals-day" [attr.data-date]="day.date">
            <span class="bar-label">{{ day.date | calendarDate }} </span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar" [style.width.%]="(day.count / max()) * 100"></span>
            </span>
            <span class="bar-value">{{ 'logistics.arrivals.people' | translate: { count: day.count } }}</span>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .chart-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: var(--sb-space-2);
      margin-bottom: var(--sb-space-3);
    }
    .bars {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--sb-space-2);
    }
    .bar-row {
      display: grid;
      grid-template-columns: minmax(6rem, 10rem) minmax(0, 1fr) auto;
      align-items: center;
      gap: var(--sb-space-2);
    }
    @media (max-width: 30rem) {
      .bar-row {
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .bar-track {
        grid-column: 1 / -1;
        grid-row: 2;
      }
    }
    .bar-track {
      display: block;
      height: 1.25rem;
      background: var(--sb-brand-soft);
      border-radius: var(--sb-radius-sm);
      overflow: hidden;
    }
    .bar {
      display: block;
      height: 100%;
      min-width: 2px;
      background: var(--sb-brand);
    }
    .bar-value {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `,
})
export class ArrivalsChartComponent {
  readonly entries = input.required<LogisticsStatusEntry[]>();
  readonly timeZone = input.required<string>();

  protected readonly asTable = signal(false);
  protected readonly days = computed(() => arrivalsPerDay(this.entries(), this.timeZone()));
  protected readonly max = computed(() => Math.max(1, ...this.days().map((d) => d.count)));
  protected readonly total = computed(() => this.days().reduce((sum, d) => sum + d.count, 0));
}
