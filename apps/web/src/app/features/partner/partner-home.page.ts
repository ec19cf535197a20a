import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { HttpClient } from '@angular/common/http';
import { TranslatePipe } from '@ngx-translate/core';
import type { Institution } from '@skillbridge/contracts';
import { of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';

@Component({
  selector: 'sb-partner-home-page',
  imports: [TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 data-testid="home-heading">{{ 'home.partner.title' | translate: { name: auth.user()?.fullName } }}</h1>
    @if (institution(); as institution) {
      <p class="lead" data-testid="partner-institution">{{ institution.name | localized }}</p>
    }
    <div class="card empty-state">
      <h2>{{ 'home.partner.queueTitle' | translate }}</h2>
      <p>{{ 'home.partner.queueEmpty' | translate }}</p>
    </div>
  `,
})
export class PartnerHomePage {
  protected readonly auth = inject(AuthService);
  private readonly http = inject(HttpClient);
  protected readonly institution = toSignal(
    this.auth.user()?.institutionId
      ? this.http.get<Institution>(`/api/v1/institutions/${this.auth.user()?.institutionId}`)
      : of(null),
  );
}
