import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { EnrolmentStatus } from '@skillbridge/contracts';

/** An enrolment's status as a coloured badge, in the viewer's language. */
@Component({
  selector: 'sb-enrolment-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span
    class="badge enrolment-{{ status() }}"
    data-testid="enrolment-status"
    [attr.data-status]="status()"
    >{{ 'enrolmentStatuses.' + status() | translate }}</span
  >`,
})
export class EnrolmentStatusComponent {
  readonly status = input.required<EnrolmentStatus>();
}
