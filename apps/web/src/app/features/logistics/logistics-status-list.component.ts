import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  LOGISTICS_ITEMS,
  type Institution,
  type LogisticsItem,
  type LogisticsStatusEntry,
  type LogisticsStatusQuery,
  type Room,
} from '@skillbridge/contracts';
import { debounceTime } from 'rxjs';
import { PagedList } from '../../shared/data/paged-list';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ZonedTimePipe } from '../../shared/time/zoned-time.pipe';
import { LogisticsApi } from './logistics.api';
import type { LogisticsArea } from './logistics-form';

/**
 * Who has given what: one line per trainee of the program, filtered by completeness, a missing item
 * or (admins) institution on the server, each linking to that trainee's details.
 */
@Component({
  selector: 'sb-logistics-status-list',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedPipe, ZonedTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './logistics-status-list.component.html',
  styles: '.warning-text { color: var(--sb-warning-text); }',
})
export class LogisticsStatusListComponent {
  private readonly api = inject(LogisticsApi);

  readonly programId = input.required<string>();
  readonly timeZone = input.required<string>();
  readonly area = input.required<Exclude<LogisticsArea, 'trainee'>>();
  readonly institutions = input<Institution[]>([]);
  readonly rooms = input<Room[]>([]);
  /** The items this program collects: the "missing" filter offers only those. */
  readonly collect = input<LogisticsItem[]>([...LOGISTICS_ITEMS]);

  protected readonly filters = new FormGroup({
    complete: new FormControl<'' | 'true' | 'false'>('', { nonNullable: true }),
    missing: new FormControl<LogisticsItem | ''>('', { nonNullable: true }),
    institutionId: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<LogisticsStatusEntry, LogisticsStatusQuery>((query) =>
    this.api.status(this.programId(), query),
  );
  protected readonly institutionById = computed(() => new Map(this.institutions().map((i) => [i.id, i])));
  protected readonly roomById = computed(() => new Map(this.rooms().map((r) => [r.id, r])));
  protected readonly admin = computed(() => this.area() === 'admin');
  private readonly filterValues = toSignal(this.filters.valueChanges.pipe(debounceTime(200)));

  constructor() {
    effect(() => {
      this.programId();
      this.filterValues();
      untracked(() => void this.list.load(this.query()));
    });
  }

  /** Loads the list again (after rooms or details changed elsewhere on the page). */
  reload(): void {
    void this.list.load(this.query());
  }

  protected query(): LogisticsStatusQuery {
    const { complete, missing, institutionId } = this.filters.getRawValue();
    return {
      ...(complete ? { complete: complete === 'true' } : {}),
      ...(missing ? { missing } : {}),
      ...(this.admin() && institutionId ? { institutionId } : {}),
      limit: 50,
    };
  }

  protected detailsLink(entry: LogisticsStatusEntry): string[] {
    return [this.admin() ? '/admin/enrolments' : '/partner/enrolments', entry.enrolmentId, 'logistics'];
  }
}
