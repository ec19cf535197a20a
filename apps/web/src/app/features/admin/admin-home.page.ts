import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';

@Component({
  selector: 'sb-admin-home-page',
  imports: [TranslatePipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 data-testid="home-heading">{{ 'home.admin.title' | translate: { name: auth.user()?.fullName } }}</h1>
    <p class="lead">{{ 'home.admin.lead' | translate }}</p>
    <ul class="tiles">
      <li class="card">
        <h2>
          <a routerLink="/admin/programs">{{ 'nav.programs' | translate }}</a>
        </h2>
        <p>{{ 'home.admin.programs' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/admin/institutions">{{ 'nav.institutions' | translate }}</a>
        </h2>
        <p>{{ 'home.admin.institutions' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/admin/trainees" data-testid="admin-trainees-link">{{ 'trainees.list.title' | translate }}</a>
        </h2>
        <p>{{ 'home.admin.trainees' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/admin/applications" data-testid="admin-applications-link">{{
            'enrolments.queue.title' | translate
          }}</a>
        </h2>
        <p>{{ 'home.admin.applications' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/admin/certificates" data-testid="admin-certificates-link">{{
            'nav.certificates' | translate
          }}</a>
        </h2>
        <p>{{ 'home.admin.certificates' | translate }}</p>
      </li>
      <li class="card">
        <h2>
          <a routerLink="/admin/users">{{ 'nav.users' | translate }}</a>
        </h2>
        <p>{{ 'home.admin.users' | translate }}</p>
      </li>
    </ul>
  `,
})
export class AdminHomePage {
  protected readonly auth = inject(AuthService);
}
