import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { Institution } from '@skillbridge/contracts';
import { catchError, map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { EnrolmentsApi } from '../enrolments/enrolments.api';

/** Most applications counted on the home page; beyond it the tile says "200+". */
const COUNT_LIMIT = 200;

/** The partner's home: its institution, how many applications wait, and the portal's sections. */
@Component({
  selector: 'sb-partner-home-page',
  imports: [TranslatePipe, LocalizedPipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 data-testid="home-heading">{{ 'home.partner.title' | translate: { name: auth.user()?.fullName } }}</h1>
    @if (institution(); as institution) {
      <p class="lead" data-testid="partner-institution">{{ institution.name | localized }}</p>
    }
    <section class="card" aria-labelledby="queue-heading">
      <h2 id="queue-heading">{{ 'home.partner.queueTitle' | translate }}</h2>
      @if (waiting(); as count) {
        <p data-testid="pending-count">
          {{ 'home.partner.queueWaiting' | translate: { count: count >= countLimit ? countLimit + '+' : count } }}
        </p>
        <a class="btn btn-primary" routerLink="/partner/applications" data-testid="review-link">{{
          'home.partner.review' | translate
        }}</a>
      } @else if (waiting() === 0) {
        <p class="empty-state" data-testid="pending-count">{{ 'home.partner.queueEmpty' | translate }}</p>
      }
    </section>
    <ul class="tiles">
      <li class="card">
        <h2>
          <a routerLink="/partner/rosters">{{ 'partner.tabs.rosters' | translate }}</a>
        </h2>
        <p>{{ 'home.partner.rosters' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/partner/trainees">{{ 'partner.tabs.trainees' | translate }}</a>
        </h2>
        <p>{{ 'home.partner.trainees' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/partner/certificates" data-testid="partner-certificates-link">{{
            'partner.tabs.certificates' | translate
          }}</a>
        </h2>
        <p>{{ 'home.partner.certificates' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/partner/trainees/import">{{ 'partner.tabs.import' | translate }}</a>
        </h2>
        <p>{{ 'home.partner.import' | translate }}</p>
      </li>
    </ul>
  `,
})
export class PartnerHomePage {
  protected readonly auth = inject(AuthService);
  private readonly http = inject(HttpClient);
  protected readonly countLimit = COUNT_LIMIT;
  protected readonly institution = toSignal(
    this.auth.user()?.institutionId
      ? this.http.get<Institution>(`/api/v1/institutions/${this.auth.user()?.institutionId}`)
      : of(null),
  );
  /** Pending applications of the institution's trainees (null while loading or unknown). */
  protected readonly waiting = toSignal(
    inject(EnrolmentsApi)
      .queue({ status: 'pending', limit: COUNT_LIMIT })
      .pipe(
        map((page) => page.items.length),
        catchError(() => of(null)),
      ),
    { initialValue: null },
  );
}
