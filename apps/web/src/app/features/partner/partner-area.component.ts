import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** The partner portal's frame: its sections as tabs above each page. */
@Component({
  selector: 'sb-partner-area',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="tabs" [attr.aria-label]="'partner.tabs.label' | translate" data-testid="partner-tabs">
      @for (tab of tabs; track tab.path) {
        <a
          [routerLink]="tab.path"
          routerLinkActive="active"
          [routerLinkActiveOptions]="{ exact: tab.exact }"
          ariaCurrentWhenActive="page"
          [attr.data-testid]="'tab-' + tab.id"
          >{{ tab.label | translate }}</a
        >
      }
    </nav>
    <router-outlet />
  `,
  styles: `
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      border-bottom: 1px solid var(--sb-border);
      margin-bottom: 1.5rem;
    }
    .tabs a {
      color: var(--sb-text-muted);
      text-decoration: none;
      padding: 0.5rem 0.1rem;
      border-bottom: 3px solid transparent;
      margin-bottom: -1px;
    }
    .tabs a:hover {
      color: var(--sb-text);
    }
    .tabs a.active {
      color: var(--sb-brand-strong);
      border-bottom-color: var(--sb-brand-strong);
      font-weight: 600;
    }
  `,
})
export class PartnerAreaComponent {
  protected readonly tabs = [
    { id: 'home', path: '/partner', label: 'partner.tabs.home', exact: true },
    { id: 'applications', path: '/partner/applications', label: 'partner.tabs.applications', exact: false },
    { id: 'rosters', path: '/partner/rosters', label: 'partner.tabs.rosters', exact: false },
    { id: 'trainees', path: '/partner/trainees', label: 'partner.tabs.trainees', exact: true },
    { id: 'import', path: '/partner/trainees/import', label: 'partner.tabs.import', exact: true },
    { id: 'certificates', path: '/partner/certificates', label: 'partner.tabs.certificates', exact: false },
  ] as const;
}
