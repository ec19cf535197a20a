import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { LOGISTICS_ITEMS } from '@skillbridge/contracts';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { orderedItems } from './logistics-form';
import { MyLogisticsStore } from './my-logistics.store';

/** On a card of "My programs": what the program still needs from the trainee, with the way to give it. */
@Component({
  selector: 'sb-logistics-needs',
  imports: [RouterLink, TranslatePipe, CalendarDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (need(); as need) {
      <div class="needs" data-testid="logistics-needs">
        @if (missing().length) {
          <p class="needs-title">
            <span class="badge needs-badge">{{
              'logistics.needs.badge' | translate: { count: missing().length }
            }}</span>
            @if (need.dueDate) {
              <span class="hint">
                {{ 'logistics.needs.due' | translate: { date: (need.dueDate | calendarDate) } }}</span
              >
            }
          </p>
          <ul class="needs-list">
            @for (item of missing(); track item) {
              <li [attr.data-item]="item">{{ 'logistics.items.' + item | translate }}</li>
            }
          </ul>
        }
        <a [routerLink]="['/my/logistics', need.enrolmentId]" data-testid="logistics-needs-link">{{
          (missing().length ? 'logistics.needs.fillIn' : 'logistics.needs.review') | translate
        }}</a>
      </div>
    }
  `,
  styles: `
    .needs {
      display: grid;
      gap: var(--sb-space-1);
      margin-top: var(--sb-space-2);
      padding: var(--sb-space-2) var(--sb-space-3);
      border-inline-start: 3px solid var(--sb-warning-border);
      background: var(--sb-warning-bg);
      color: var(--sb-warning-text);
      border-radius: var(--sb-radius-sm);
    }
    .needs-title {
      display: flex;
      flex-wrap: wrap;
      gap: var(--sb-space-2);
      align-items: center;
      margin: 0;
    }
    .needs-title .hint {
      color: var(--sb-warning-text);
    }
    .needs-badge {
      background: var(--sb-surface);
      color: var(--sb-warning-text);
      white-space: normal;
    }
    .needs-list {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .needs a {
      color: var(--sb-warning-text);
      font-weight: 600;
    }
  `,
})
export class LogisticsNeedsComponent {
  private readonly store = inject(MyLogisticsStore);
  readonly enrolmentId = input.required<string>();

  protected readonly need = computed(() => this.store.need(this.enrolmentId()));
  protected readonly missing = computed(() => orderedItems(this.need()?.missing ?? [], LOGISTICS_ITEMS));
}
