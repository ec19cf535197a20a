import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';
import { CalendarSubscribeComponent } from '../../shared/calendar/calendar-subscribe.component';
import { MyEnrolmentsComponent } from '../enrolments/my-enrolments.component';

/** The trainee's home: their programs first, with what each status means and a way to withdraw. */
@Component({
  selector: 'sb-trainee-home-page',
  imports: [TranslatePipe, RouterLink, MyEnrolmentsComponent, CalendarSubscribeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 data-testid="home-heading">{{ 'home.trainee.title' | translate: { name: auth.user()?.fullName } }}</h1>
    <p class="lead">{{ 'home.trainee.lead' | translate }}</p>
    <div class="page-header">
      <h2>{{ 'home.trainee.programsTitle' | translate }}</h2>
      <div class="header-actions">
        <sb-calendar-subscribe />
        <a class="btn btn-secondary" routerLink="/programs" data-testid="browse-programs">{{
          'enrolments.mine.browse' | translate
        }}</a>
      </div>
    </div>
    <sb-my-enrolments />
    <section class="card" aria-labelledby="trainee-certificates">
      <h2 id="trainee-certificates">{{ 'certificates.mine.title' | translate }}</h2>
      <p>{{ 'home.trainee.certificates' | translate }}</p>
      <a class="btn btn-secondary" routerLink="/my/certificates" data-testid="my-certificates-link">{{
        'certificates.mine.open' | translate
      }}</a>
    </section>
    <p>
      <a routerLink="/profile">{{ 'home.profileLink' | translate }}</a>
    </p>
  `,
})
export class TraineeHomePage {
  protected readonly auth = inject(AuthService);
}
