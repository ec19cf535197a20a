import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { addDays, startOfZonedDay, type AuditEvent, type AuditEventListQuery } from '@skillbridge/contracts';
import { debounceTime } from 'rxjs';
import { PagedList } from '../../shared/data/paged-list';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { AdminApi } from './admin.api';

/** The record types the API writes audit events for. */
export const AUDIT_ENTITY_TYPES = [
  'certificate',
  'enrolment',
  'institution',
  'instructor',
  'program',
  'session',
  'trainee',
  'user',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** As the API checks it: `<entity>.<verb>`. */
const ACTION = /^[a-z_]+\.[a-z_]+$/;

/** The longest details text shown in a row before it is opened. */
const DETAILS_PREVIEW = 80;

/**
 * Who did what to which record, when: the audit trail, newest first, filtered
 * by actor, action, record and period, a page at a time.
 */
@Component({
  selector: 'sb-audit-log-page',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    InstantDatePipe,
    InstantTimePipe,
    FieldErrorComponent,
    DateInputComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-log.page.html',
  styles: `
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.85em;
      word-break: break-all;
    }
    pre {
      white-space: pre-wrap;
      max-width: 32rem;
      margin: 0.25rem 0 0;
    }
    .nowrap {
      white-space: nowrap;
    }
  `,
})
export class AuditLogPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly viewer = inject(ViewerZone);

  protected readonly entityTypes = AUDIT_ENTITY_TYPES;
  protected readonly filters = new FormGroup({
    actorId: new FormControl('', { nonNullable: true, validators: Validators.pattern(UUID) }),
    action: new FormControl('', { nonNullable: true, validators: Validators.pattern(ACTION) }),
    entityType: new FormControl('', { nonNullable: true }),
    entityId: new FormControl('', { nonNullable: true, validators: Validators.maxLength(64) }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<AuditEvent, AuditEventListQuery>((query) => this.api.auditEvents(query));

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(300)).subscribe(() => {
      if (this.filters.valid) void this.list.load(this.query());
    });
  }

  /** The filters as the API reads them; dates are whole days in the viewer's zone. */
  protected query(): AuditEventListQuery {
    const { actorId, action, entityType, entityId, from, to } = this.filters.getRawValue();
    const zone = this.viewer.zone();
    return {
      actorId: actorId.trim() || undefined,
      action: action.trim() || undefined,
      entityType: entityType || undefined,
      entityId: entityId.trim() || undefined,
      from: from ? startOfZonedDay(from, zone).toISOString() : undefined,
      to: to ? startOfZonedDay(addDays(to, 1), zone).toISOString() : undefined,
      limit: 50,
    };
  }

  protected filterBy(field: 'actorId' | 'action' | 'entityType' | 'entityId', value: string | null): void {
    if (value) this.filters.controls[field].setValue(value);
  }

  protected hasDetails(event: AuditEvent): boolean {
    return Object.keys(event.details ?? {}).length > 0;
  }

  protected compact(event: AuditEvent): string {
    const text = JSON.stringify(event.details);
    return text.length > DETAILS_PREVIEW ? `${text.slice(0, DETAILS_PREVIEW - 1)}…` : text;
  }

  protected pretty(event: AuditEvent): string {
    return JSON.stringify(event.details, null, 2);
  }
}
