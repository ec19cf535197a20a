import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
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

  protected signOut(): void {
    void this.auth.logout();
  }
}
