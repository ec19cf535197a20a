import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { CalendarSubscribeComponent } from '../../shared/calendar/calendar-subscribe.component';
import { MyEnrolmentsComponent } from './my-enrolments.component';

/** "My programs" on its own page (the trainee home shows the same list), with the calendar subscription. */
@Component({
  selector: 'sb-my-programs-page',
  imports: [TranslatePipe, RouterLink, MyEnrolmentsComponent, CalendarSubscribeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-header">
      <h1>{{ 'enrolments.mine.title' | translate }}</h1>
      <div class="header-actions">
        <sb-calendar-subscribe />
        <a class="btn btn-secondary" routerLink="/programs">{{ 'enrolments.mine.browse' | translate }}</a>
      </div>
    </div>
    <sb-my-enrolments [headingLevel]="2" />
  `,
})
export class MyProgramsPage {}
