import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { UnreadNotifications } from '../notifications/unread-notifications';

/** The most the badge spells out; above it reads "99+". */
export const BADGE_MAX = 99;

/**
 * The bell in the top bar: a link to the notifications page whose badge shows
 * how many are unread. The badge is for the eye; the link's name says the
 * number in words ("Notifications, 3 unread") for screen readers.
 */
@Component({
  selector: 'sb-notification-bell',
  imports: [RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a
      routerLink="/notifications"
      routerLinkActive="active"
      ariaCurrentWhenActive="page"
      class="bell"
      data-testid="notification-bell"
      [attr.data-unread]="count()"
      [attr.aria-label]="
        count() > 0
          ? ('shell.notificationsUnread' | translate: { count: count() })
          : ('shell.notifications' | translate)
      "
      [title]="
        count() > 0
          ? ('shell.notificationsUnread' | translate: { count: count() })
          : ('shell.notifications' | translate)
      "
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <path
          d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.6 2H4.4l1.6-2Z"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linejoin="round"
        />
        <path d="M10 21h4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      @if (count() > 0) {
        <span class="count" aria-hidden="true" data-testid="notification-count">{{ badge() }}</span>
      }
    </a>
  `,
  styles: `
    .bell {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 2.5rem;
      min-height: 2.5rem;
      color: var(--sb-on-brand);
      border-radius: var(--sb-radius-sm);
    }
    .bell:hover,
    .bell.active {
      background: rgb(255 255 255 / 0.12);
    }
    .count {
      position: absolute;
      top: 0.1rem;
      inset-inline-end: 0;
      min-width: 1.25rem;
      padding: 0 0.3rem;
      border-radius: 999px;
      border: 2px solid var(--sb-brand-strong);
      background: var(--sb-danger);
      color: #fff;
      font-size: 0.7rem;
      font-weight: 700;
      line-height: 1.1rem;
      text-align: center;
    }
  `,
})
export class NotificationBellComponent {
  protected readonly count = inject(UnreadNotifications).count;
  protected readonly badge = computed(() => (this.count() > BADGE_MAX ? `${BADGE_MAX}+` : String(this.count())));
}
