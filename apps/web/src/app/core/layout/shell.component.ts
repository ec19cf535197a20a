import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, map } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { NAVIGATION } from '../auth/navigation';
import { EmailVerificationBannerComponent } from './email-verification-banner.component';
import { LanguageSwitcherComponent } from './language-switcher.component';
import { NotificationBellComponent } from './notification-bell.component';

/** The frame around every page: product name, the navigation of the viewer's role, language, notifications, account. */
@Component({
  selector: 'sb-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslatePipe,
    LanguageSwitcherComponent,
    NotificationBellComponent,
    EmailVerificationBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Escape and Tab while the phone drawer is open (the drawer and its button are in the header).
  host: { '(keydown)': 'trapFocus($event)' },
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  /** An account that owes its two-factor setup may go nowhere else, so it is offered nothing else. */
  protected readonly navigation = computed(() =>
    this.auth.mfaSetupRequired() ? [] : NAVIGATION[this.auth.role() ?? 'guest'],
  );
  protected readonly brandLink = computed(() => (this.auth.signedIn() ? this.auth.landing() : '/'));
  /** On every page of an unconfirmed account, except the confirmation page itself (it says it all). */
  protected readonly showVerificationBanner = computed(
    () => this.auth.emailUnverified() && !this.url().startsWith('/verify-email'),
  );

  /** The phone drawer (below 48rem the navigation and the account sit behind the menu button). */
  protected readonly menuOpen = signal(false);
  private readonly menuButton = viewChild.required<ElementRef<HTMLButtonElement>>('menuButton');
  private readonly menu = viewChild.required<ElementRef<HTMLElement>>('menu');

  constructor() {
    // A link followed in the drawer leads away: the drawer closes behind it.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => this.menuOpen.set(false));
  }

  protected toggleMenu(): void {
    if (this.menuOpen()) {
      this.closeMenu(true);
      return;
    }
    this.menuOpen.set(true);
    // The drawer shows on the next frame; move into it so a keyboard or screen reader user starts there.
    setTimeout(() => this.focusables()[0]?.focus());
  }

  /** Closes the drawer; `returnFocus` puts the keyboard back on the menu button (Escape, the button itself). */
  protected closeMenu(returnFocus: boolean): void {
    this.menuOpen.set(false);
    if (returnFocus) this.menuButton().nativeElement.focus();
  }

  /** While the drawer is open, Escape closes it and Tab cycles between the menu button and the drawer's controls. */
  protected trapFocus(event: KeyboardEvent): void {
    if (!this.menuOpen()) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closeMenu(true);
      return;
    }
    if (event.key !== 'Tab') return;
    // The button and the drawer are apart in the page's order, so every step is taken by hand.
    event.preventDefault();
    const cycle = [this.menuButton().nativeElement, ...this.focusables()];
    const at = cycle.indexOf(document.activeElement as HTMLElement);
    const next = at === -1 ? 0 : (at + (event.shiftKey ? -1 : 1) + cycle.length) % cycle.length;
    cycle[next].focus();
  }

  private focusables(): HTMLElement[] {
    return Array.from(
      this.menu().nativeElement.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), select, input'),
    );
  }

  protected signOut(): void {
    void this.auth.logout();
  }
}
