import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import {
  AUDIT_CATEGORIES,
  AUDIT_ENTITY_TYPES,
  addDays,
  startOfZonedDay,
  type AuditActionOption,
  type AuditCategory,
  type AuditEvent,
  type AuditEventListQuery,
  type AuditRecord,
  type AuthUser,
} from '@skillbridge/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { LanguageService } from '../../core/i18n/language.service';
import { PagedList } from '../../shared/data/paged-list';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { AdminApi } from './admin.api';
import { AuditChangesComponent } from './audit-changes.component';

/** How many people the person picker offers for what was typed. */
const PEOPLE_SHOWN = 8;

/** Where a record of each type can be opened; others show as a label. */
const RECORD_LINKS: Record<string, (id: string) => string> = {
  program: (id) => `/admin/programs/${id}/edit`,
  institution: (id) => `/admin/institutions/${id}`,
  trainee: (id) => `/admin/trainees/${id}`,
};

/** The person the log is filtered by, as shown in the picker. */
interface PickedPerson {
  id: string;
  name: string;
  email: string | null;
}

/**
 * Who did what to which record, when, for people: names instead of ids,
 * actions in the viewer's language, what changed as before → after; data
 * changes apart from sign-ins and profile settings; filters by picking.
 */
@Component({
  selector: 'sb-audit-log-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    InstantDatePipe,
    InstantTimePipe,
    DateInputComponent,
    LocalizedPipe,
    AuditChangesComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-log.page.html',
  styles: `
    .categories {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-block: 0.5rem 1rem;
    }
    .categories .btn[aria-pressed='true'] {
      font-weight: 700;
      text-decoration: underline;
      text-underline-offset: 0.3em;
    }
    .picker {
      position: relative;
    }
    .people {
      list-style: none;
      margin: 0.25rem 0 0;
      padding: 0;
      display: grid;
      gap: 0.125rem;
    }
    .people .btn {
      width: 100%;
      text-align: start;
    }
    .chosen {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .who,
    .action {
      overflow-wrap: normal;
      word-break: normal;
    }
    .who .btn,
    .action .btn {
      text-align: start;
      padding-inline: 0;
    }
    .sub {
      display: block;
      font-size: 0.85em;
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.85em;
      overflow-wrap: anywhere;
    }
    .nowrap {
      white-space: nowrap;
    }
  `,
})
export class AuditLogPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly viewer = inject(ViewerZone);
  private readonly translate = inject(TranslateService);
  private readonly languages = inject(LanguageService);

  protected readonly categories = AUDIT_CATEGORIES;
  protected readonly entityTypes = AUDIT_ENTITY_TYPES;
  protected readonly category = signal<AuditCategory>('data');
  protected readonly person = signal<PickedPerson | null>(null);
  protected readonly record = signal<AuditRecord | null>(null);
  protected readonly filters = new FormGroup({
    action: new FormControl('', { nonNullable: true }),
    entityType: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly personSearch = new FormControl('', { nonNullable: true });
  protected readonly list = new PagedList<AuditEvent, AuditEventListQuery>((query) => this.api.auditEvents(query));

  private readonly actionOptions = toSignal(
    this.api.auditActions().pipe(catchError(() => of([] as AuditActionOption[]))),
    { initialValue: [] as AuditActionOption[] },
  );
  /** The actions of the chosen category, by their words in the viewer's language. */
  protected readonly actions = computed(() => {
    this.languages.current();
    return this.actionOptions()
      .filter((option) => option.category === this.category())
      .map((option) => ({ action: option.action, label: this.actionLabel(option.action) }))
      .sort((a, b) => a.label.localeCompare(b.label, this.languages.current()));
  });
  protected readonly people = toSignal(
    this.personSearch.valueChanges.pipe(
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.trim().length < 2
          ? of([] as AuthUser[])
          : this.api.users({ q: q.trim(), limit: PEOPLE_SHOWN }).pipe(
              map((page) => page.items),
              catchError(() => of([] as AuthUser[])),
            ),
      ),
    ),
    { initialValue: [] as AuthUser[] },
  );

  ngOnInit(): void {
    void this.reload();
    this.filters.valueChanges.pipe(debounceTime(300)).subscribe(() => void this.reload());
  }

  protected reload(): Promise<void> {
    return this.list.load(this.query());
  }

  /** The filters as the API reads them; dates are whole days in the viewer's zone. */
  protected query(): AuditEventListQuery {
    const { action, entityType, from, to } = this.filters.getRawValue();
    const zone = this.viewer.zone();
    const record = this.record();
    return {
      category: this.category(),
      actorId: this.person()?.id,
      action: action || undefined,
      entityType: record?.type ?? (entityType || undefined),
      entityId: record?.id,
      from: from ? startOfZonedDay(from, zone).toISOString() : undefined,
      to: to ? startOfZonedDay(addDays(to, 1), zone).toISOString() : undefined,
      limit: 50,
    };
  }

  protected chooseCategory(category: AuditCategory): void {
    if (category === this.category()) return;
    this.category.set(category);
    // An action belongs to one category: a chosen one would leave the new tab empty.
    this.filters.controls.action.setValue('', { emitEvent: false });
    void this.reload();
  }

  protected pickPerson(user: AuthUser): void {
    this.person.set({ id: user.id, name: user.fullName || user.email, email: user.email });
    this.personSearch.setValue('');
    void this.reload();
  }

  /** The person who acted in an event, as the filter. */
  protected filterByActor(event: AuditEvent): void {
    if (!event.actor) return;
    this.person.set({ id: event.actor.id, name: event.actor.name ?? event.actor.id, email: event.actor.email });
    void this.reload();
  }

  protected clearPerson(): void {
    this.person.set(null);
    void this.reload();
  }

  /** Only this record's history. */
  protected filterByRecord(record: AuditRecord): void {
    this.record.set(record);
    void this.reload();
  }

  /** The empty list's next step: every filter off (the category tab stays). */
  protected clearFilters(): void {
    this.person.set(null);
    this.record.set(null);
    this.filters.reset({}, { emitEvent: false });
    void this.reload();
  }

  protected clearRecord(): void {
    this.record.set(null);
    void this.reload();
  }

  protected filterByAction(event: AuditEvent): void {
    if (!this.actionOptions().some((option) => option.action === event.action)) return;
    this.category.set(event.category);
    this.filters.controls.action.setValue(event.action);
  }

  protected actionLabel(action: string): string {
    const key = `audit.actions.${action}`;
    const word: unknown = this.translate.instant(key);
    return typeof word === 'string' && word !== key ? word : action;
  }

  protected recordLink(record: AuditRecord): string | null {
    return RECORD_LINKS[record.type]?.(record.id) ?? null;
  }

  protected entityTypeLabel(type: string): string {
    const key = `audit.entityTypes.${type}`;
    const word: unknown = this.translate.instant(key);
    return typeof word === 'string' && word !== key ? word : type;
  }
}
