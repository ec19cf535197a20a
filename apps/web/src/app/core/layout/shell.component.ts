import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../auth/auth.service';
import { NAVIGATION } from '../auth/navigation';
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
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  protected readonly auth = inject(AuthService);
  protected readonly navigation = computed(() => NAVIGATION[this.auth.role() ?? 'guest']);
  protected readonly brandLink = computed(() => this.auth.homeFor(this.auth.role()));

  protected signOut(): void {
    void this.auth.logout();
  }
}
