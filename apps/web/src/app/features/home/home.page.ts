import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { VerifyFormComponent } from '../verify/verify-form.component';

interface RoleCard {
  key: 'admin' | 'partner' | 'trainee' | 'instructor' | 'public';
  icon: string;
}

/** The public landing page: what Skillbridge is and who uses it. */
@Component({
  selector: 'sb-home-page',
  imports: [TranslatePipe, VerifyFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home.page.html',
  styleUrl: './home.page.css',
})
export class HomePage {
  protected readonly roles: readonly RoleCard[] = [
    { key: 'admin', icon: 'M4 20h16M6 20V9l6-5 6 5v11M10 20v-6h4v6' },
    { key: 'partner', icon: 'M3 19l9-14 9 14M7 13h10' },
    { key: 'trainee', icon: 'M2 9l10-5 10 5-10 5L2 9Zm4 2v5c3 2 9 2 12 0v-5' },
    { key: 'instructor', icon: 'M4 5h16v10H4zM8 19h8M12 15v4' },
    { key: 'public', icon: 'M12 3l8 4v5c0 5-3.5 8-8 9-4.5-1-8-4-8-9V7l8-4Zm-3 9l2 2 4-4' },
  ];
}
