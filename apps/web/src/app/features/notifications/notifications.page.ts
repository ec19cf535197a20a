import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { Notification, NotificationListQuery } from '@skillbridge/contracts';
import { problemOf } from '../../core/http/problem';
import { NotificationsApi } from '../../core/notifications/notifications.api';
import { UnreadNotifications } from '../../core/notifications/unread-notifications';
import { PagedList } from '../../shared/data/paged-list';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';

/** A path inside this app; anything else (another site, `javascript:`) is not followed. */
const APP_PATH = /^\/(?!\/)/;

/**
 * The signed-in person's notifications, newest first, a page at a time:
 * unread ones marked, each opening where it leads (read from then on), and
 * "mark as read" one by one or all at once. Worded by the API in the page's
 * language; times in the viewer's own zone.
 */
@Component({
  selector: 'sb-notifications-page',
  imports: [RouterLink, TranslatePipe, InstantDatePipe, InstantTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications.page.html',
  styleUrl: './notifications.page.css',
})
export class NotificationsPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly unread = inject(UnreadNotifications);
  private readonly router = inject(Router);

  protected readonly unreadOnly = signal(false);
  protected readonly list = new PagedList<Notification, NotificationListQuery>((query) => this.api.list(query));
  /** What is being marked read now: a notification's id, or 'all'. */
  protected readonly busy = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  /** How many "mark all as read" just changed. */
  protected readonly markedAll = signal<number | null>(null);
  protected readonly anyUnread = computed(
    () => this.unread.count() > 0 || this.list.items().some((notification) => !notification.readAt),
  );

  ngOnInit(): void {
    void this.list.load(this.query());
  }

  protected query(): NotificationListQuery {
    return { unread: this.unreadOnly() || undefined, limit: 20 };
  }

  protected showUnreadOnly(event: Event): void {
    this.unreadOnly.set((event.target as HTMLInputElement).checked);
    this.markedAll.set(null);
    void this.list.load(this.query());
  }

  protected linkOf(notification: Notification): string | null {
    return notification.link && APP_PATH.test(notification.link) ? notification.link : null;
  }

  /** Marks one read; the item stays where it is, now shown read. */
  protected async markRead(notification: Notification): Promise<void> {
    this.busy.set(notification.id);
    this.actionError.set(null);
    try {
      const read = await this.unread.markRead(notification.id);
      this.list.items.update((items) => items.map((item) => (item.id === read.id ? read : item)));
    } catch (error) {
      this.actionError.set(problemOf(error).code);
    } finally {
      this.busy.set(null);
    }
  }

  /**
   * Follows the notification's link, marking it read first. A click that
   * opens a new tab (Ctrl, ⌘, Shift) is left to the browser; it is still marked read.
   */
  protected async open(event: MouseEvent, notification: Notification, link: string): Promise<void> {
    const newTab = event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0;
    if (newTab) {
      if (!notification.readAt) void this.markRead(notification);
      return;
    }
    event.preventDefault();
    // Not being able to mark it read must not keep the person from where it leads.
    if (!notification.readAt) await this.markRead(notification);
    await this.router.navigateByUrl(link);
  }

  protected async markAllRead(): Promise<void> {
    this.busy.set('all');
    this.actionError.set(null);
    this.markedAll.set(null);
    try {
      const { marked } = await this.unread.markAllRead();
      const now = new Date().toISOString();
      this.list.items.update((items) => items.map((item) => (item.readAt ? item : { ...item, readAt: now })));
      this.markedAll.set(marked);
    } catch (error) {
      this.actionError.set(problemOf(error).code);
    } finally {
      this.busy.set(null);
    }
  }
}
