import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { ProgramStatus, Seats } from '@skillbridge/contracts';
import { seatGauge } from './seat-gauge';

/**
 * A program's seats at a glance: taken of capacity as a bar while it takes enrolments, then the wait-list and the
 * applications under review — the whole program's for admins, the partner's own people for partners (so they
 * match the roster the partner sees; a partner never learns another institution's numbers).
 */
@Component({
  selector: 'sb-seat-gauge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let g = gauge();
    <div class="gauge" data-testid="seat-gauge" [attr.data-scope]="g.scope">
      <p class="headline">
        <span data-testid="seat-confirmed-text">{{
          g.scope === 'program'
            ? ('seats.confirmedOf' | translate: { confirmed: g.confirmed, capacity: g.capacity })
            : g.open
              ? ('seats.takenOf' | translate: { taken: g.taken, capacity: g.capacity })
              : ('seats.capacity' | translate: { capacity: g.capacity })
        }}</span>
        @if (g.open) {
          <span class="badge" [class.badge-full]="g.full" data-testid="seat-left">
            {{ g.full ? ('seats.full' | translate) : ('seats.left' | translate: { left: g.left }) }}
          </span>
        }
      </p>
      @if (g.open) {
        <div
          class="bar"
          role="progressbar"
          aria-valuemin="0"
          aria-valuemax="100"
          [attr.aria-valuenow]="g.percent"
          [attr.aria-label]="
            g.scope === 'program'
              ? ('seats.confirmedOf' | translate: { confirmed: g.confirmed, capacity: g.capacity })
              : ('seats.takenOf' | translate: { taken: g.taken, capacity: g.capacity })
          "
        >
          <span class="fill" [style.width.%]="g.percent"></span>
        </div>
      }
      @if (g.scope === 'institution') {
        <p class="own" data-testid="seat-own">{{ 'seats.own' | translate }}</p>
      }
      <dl class="counts">
        @if (g.scope === 'institution') {
          <div>
            <dt>{{ 'enrolmentStatuses.confirmed' | translate }}</dt>
            <dd data-testid="seat-confirmed">{{ g.confirmed }}</dd>
          </div>
        }
        <div>
          <dt>{{ 'enrolmentStatuses.waitlisted' | translate }}</dt>
          <dd data-testid="seat-waitlisted">{{ g.waitlisted }}</dd>
        </div>
        <div>
          <dt>{{ 'enrolmentStatuses.pending' | translate }}</dt>
          <dd data-testid="seat-pending">{{ g.pending }}</dd>
        </div>
        @if (g.nominated) {
          <div>
            <dt>{{ 'programs.seatsByInstitution.nominated' | translate }}</dt>
            <dd data-testid="seat-nominated">{{ g.nominated }}</dd>
          </div>
        }
      </dl>
    </div>
  `,
  styles: `
    .headline {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin: 0 0 0.4rem;
      font-weight: 600;
    }
    .badge-full {
      background: #fff3dc;
      color: #7a4b00;
    }
    .bar {
      height: 0.6rem;
      border-radius: 999px;
      background: #eceff1;
      overflow: hidden;
    }
    .fill {
      display: block;
      height: 100%;
      background: var(--sb-brand);
    }
    .own {
      margin: 0.5rem 0 0;
      color: var(--sb-text-muted);
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 1.5rem;
      margin: 0.5rem 0 0;
    }
    .counts div {
      display: flex;
      gap: 0.4rem;
    }
    dt {
      color: var(--sb-text-muted);
    }
    dd {
      margin: 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class SeatGaugeComponent {
  readonly seats = input.required<Seats>();
  /** The program's status: only a published program has seats "left" (or is "full"). */
  readonly status = input<ProgramStatus>('published');
  protected readonly gauge = computed(() => seatGauge(this.seats(), this.status()));
}
