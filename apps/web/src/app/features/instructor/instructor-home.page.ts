import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../../core/auth/auth.service';

@Component({
  selector: 'sb-instructor-home-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 data-testid="home-heading">{{ 'home.instructor.title' | translate: { name: auth.user()?.fullName } }}</h1>
    <div class="card empty-state">
      <h2>{{ 'home.instructor.timetableTitle' | translate }}</h2>
      <p>{{ 'home.instructor.timetableEmpty' | translate }}</p>
    </div>
  `,
})
export class InstructorHomePage {
  protected readonly auth = inject(AuthService);
}
