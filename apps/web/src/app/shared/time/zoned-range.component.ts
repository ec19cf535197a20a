import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../../core/i18n/language.service';
import { ViewerZone } from './viewer-zone';
import { zoneName } from './zone-name';
import { zonedRangeText } from './zoned-time';

/**
 * `09:00 – 11:30 GMT+8` (`09:00–11:30（GMT+8）` in Chinese), with
 * `08:00 – 10:30 your time (Indochina Time)` under it when the viewer's clocks differ — saying where "your" is.
 */
@Component({
  selector: 'sb-zoned-range',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="program">{{ text().program }}</span>
    @if (text().viewer; as viewer) {
      <span class="viewer">{{ 'time.yourTimeIn' | translate: { time: viewer, zone: viewerZoneName() } }}</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      font-variant-numeric: tabular-nums;
    }
    .viewer {
      font-size: 0.9em;
      color: var(--sb-text-muted);
    }
  `,
})
export class ZonedRangeComponent {
  private readonly languages = inject(LanguageService);
  private readonly viewerZone = inject(ViewerZone);
  readonly startsAt = input.required<string>();
  readonly endsAt = input.required<string>();
  readonly zone = input.required<string>();
  /** The days too (with their year), for spans such as an enrolment window. */
  readonly withDate = input(false);

  protected readonly viewerZoneName = computed(() => zoneName(this.viewerZone.zone(), this.languages.current()));
  protected readonly text = computed(() =>
    zonedRangeText(
      this.startsAt(),
      this.endsAt(),
      this.zone(),
      this.viewerZone.zone(),
      this.languages.current(),
      this.withDate(),
    ),
  );
}
