import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import type { MarkedRead, Notification } from '@skillbridge/contracts';
import { EMPTY, Subject, catchError, filter, firstValueFrom, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { NotificationsApi } from './notifications.api';

/** How often the bell asks again while someone is signed in and the tab is in view. */
export const UNREAD_POLL_MS = 30_000;

/**
 * The bell's number: how many of the signed-in person's notifications are
 * unread. Asked for at sign-in, after every navigation, when the tab comes
 * back into view, every 30 s while it is in view, and after marking read.
 * Guests are never asked for; signing out clears it.
 */
@Injectable({ providedIn: 'root' })
export class UnreadNotifications {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  private readonly unread = signal(0);
  readonly count = this.unread.asReadonly();

  private readonly asks = new Subject<void>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);

    // One question at a time: a newer one (or signing out) cancels an answer still on its way.
    this.asks
      .pipe(
        switchMap(() => (this.auth.signedIn() ? this.api.unreadCount().pipe(catchError(() => EMPTY)) : EMPTY)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ count }) => this.unread.set(count));

    // By account id, so a profile change (same person) does not count as a new sign-in.
    const userId = computed(() => this.auth.user()?.id ?? null);
    effect(() => {
      const signedIn = userId() !== null;
      untracked(() => (signedIn ? this.start() : this.stop()));
    });

    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.refresh());

    const onVisibility = () => {
      if (!this.auth.signedIn()) return;
      if (this.visible()) this.refresh();
      this.schedule();
    };
    this.document.addEventListener('visibilitychange', onVisibility);
    destroyRef.onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onVisibility);
      this.unschedule();
    });
  }

  /** Asks the API for the number again (nothing for guests). */
  refresh(): void {
    if (this.auth.signedIn()) this.asks.next();
  }

  async markRead(id: string): Promise<Notification> {
    const notification = await firstValueFrom(this.api.markRead(id));
    this.refresh();
    return notification;
  }

  async markAllRead(): Promise<MarkedRead> {
    const marked = await firstValueFrom(this.api.markAllRead());
    this.refresh();
    return marked;
  }

  private start(): void {
    this.refresh();
    this.schedule();
  }

  private stop(): void {
    this.unschedule();
    this.asks.next(); // cancels a question still on its way; nobody is signed in to answer it for
    this.unread.set(0);
  }

  /** Polls while someone is signed in and the tab is in view; a hidden tab costs the server nothing. */
  private schedule(): void {
    this.unschedule();
    if (this.auth.signedIn() && this.visible()) this.timer = setInterval(() => this.refresh(), UNREAD_POLL_MS);
  }

  private unschedule(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private visible(): boolean {
    return this.document.visibilityState !== 'hidden';
  }
}
