import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';

@Component({
  selector: 'sb-trainee-home-page',
  imports: [TranslatePipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 data-testid="home-heading">{{ 'home.trainee.title' | translate: { name: auth.user()?.fullName } }}</h1>
    <p class="lead">{{ 'home.trainee.lead' | translate }}</p>
    <div class="card empty-state">
      <h2>{{ 'home.trainee.programsTitle' | translate }}</h2>
      <p>{{ 'home.trainee.programsEmpty' | translate }}</p>
    </div>
    <p>
      <a routerLink="/profile">{{ 'home.profileLink' | translate }}</a>
    </p>
  `,
})
export class TraineeHomePage {
  protected readonly auth = inject(AuthService);
}
