import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { CertificateStatus } from '@skillbridge/contracts';

/** A certificate's status as a badge: colour, icon and word together. */
@Component({
  selector: 'sb-certificate-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span
    class="badge certificate-{{ status() }}"
    data-testid="certificate-status"
    [attr.data-status]="status()"
    ><span aria-hidden="true">{{ status() === 'issued' ? '✓' : '✗' }}</span>
    {{ 'certificates.statuses.' + status() | translate }}</span
  >`,
  styles: `
    .certificate-issued {
      background: #e6f4ec;
      color: #05512f;
    }
    .certificate-revoked {
      background: #fdecea;
      color: #7a1a12;
    }
  `,
})
export class CertificateStatusComponent {
  readonly status = input.required<CertificateStatus>();
}
