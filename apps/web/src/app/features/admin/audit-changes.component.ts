import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { AuditChange } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { CountryNames } from '../../shared/i18n/countries';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { auditFieldLabel, formatAuditValue, type AuditFormatContext } from './audit-change';

interface ChangeRow {
  field: string;
  label: string;
  before: string | null;
  after: string;
}

/** What an event changed, one row per field: "Language  English → 中文", in the viewer's language. */
@Component({
  selector: 'sb-audit-changes',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows().length) {
      <dl class="changes" data-testid="audit-changes">
        @for (row of rows(); track row.field) {
          <div class="change" data-testid="audit-change" [attr.data-field]="row.field">
            <dt>{{ row.label }}</dt>
            <dd>
              @if (row.before !== null) {
                <span class="before" data-testid="audit-change-before">{{ row.before }}</span>
                <span class="arrow" aria-hidden="true"> → </span>
                <span class="visually-hidden">{{ 'audit.changedTo' | translate }}</span>
              }
              <span class="after" data-testid="audit-change-after">{{ row.after }}</span>
            </dd>
          </div>
        }
      </dl>
    }
  `,
  styles: `
    .changes {
      margin: 0;
      display: grid;
      gap: 0.125rem;
    }
    .change {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
    }
    dt {
      font-weight: 600;
    }
    dt::after {
      content: ':';
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .before {
      text-decoration: line-through;
      color: var(--color-text-muted, #555);
    }
  `,
})
export class AuditChangesComponent {
  private readonly translate = inject(TranslateService);
  private readonly languages = inject(LanguageService);
  private readonly viewer = inject(ViewerZone);
  private readonly countries = inject(CountryNames);

  readonly changes = input.required<AuditChange[]>();
  readonly entityType = input.required<string>();

  protected readonly rows = computed<ChangeRow[]>(() => {
    const ctx: AuditFormatContext = {
      entityType: this.entityType(),
      locale: this.languages.current(),
      zone: this.viewer.zone(),
      country: (code) => this.countries.name(code),
      word: (key) => {
        const word: unknown = this.translate.instant(key);
        return typeof word === 'string' && word !== key ? word : null;
      },
    };
    return this.changes().map((change) => ({
      field: change.field,
      label: auditFieldLabel(change.field, ctx),
      // A record named by id shows by its label (the API reads it), the id itself only when the record is gone.
      before: 'before' in change ? (change.beforeLabel ?? formatAuditValue(change.field, change.before, ctx)) : null,
      after: change.afterLabel ?? formatAuditValue(change.field, change.after, ctx),
    }));
  });
}
