import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { ErasureRequestComponent } from '../privacy/erasure-request.component';

/** "Erase my data" on the profile page; other sections and e-mails link to it as `/profile#erasure`. */
@Component({
  selector: 'sb-erasure-section',
  imports: [TranslatePipe, ErasureRequestComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section id="erasure" class="card" aria-labelledby="erasure-title" data-testid="erasure-section">
      <h2 id="erasure-title">{{ 'privacy.erasure.title' | translate }}</h2>
      <sb-erasure-request />
    </section>
  `,
})
export class ErasureSectionComponent {}
