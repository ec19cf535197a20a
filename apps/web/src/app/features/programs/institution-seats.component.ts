import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { resolveLocalizedText, type Institution, type Program } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { seatsByInstitution } from './institution-seats';

/**
 * "Seats by institution" of a program's page: for admins a line per institution (its quota or the open seats,
 * and its people by status) and the open pool; for partner staff their own line and the seats their people can still get.
 */
@Component({
  selector: 'sb-institution-seats',
  imports: [TranslatePipe, LocalizedPipe, LocalNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (view(); as v) {
      <section
        class="card institution-seats"
        aria-labelledby="institution-seats-heading"
        data-testid="institution-seats"
      >
        <h2 id="institution-seats-heading">
          {{ (v.open ? 'programs.seatsByInstitution.title' : 'programs.seatsByInstitution.ownTitle') | translate }}
        </h2>
        @if (v.lines.length) {
          <div class="table-wrap" role="group" aria-labelledby="institution-seats-heading">
            <table class="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{{ 'programs.seatsByInstitution.institution' | translate }}</th>
                  <th scope="col">{{ 'programs.seatsByInstitution.quota' | translate }}</th>
                  <th scope="col">{{ 'enrolmentStatuses.confirmed' | translate }}</th>
                  <th scope="col">{{ 'enrolmentStatuses.waitlisted' | translate }}</th>
                  <th scope="col">{{ 'enrolmentStatuses.pending' | translate }}</th>
                  <th scope="col">{{ 'programs.seatsByInstitution.nominated' | translate }}</th>
                </tr>
              </thead>
              <tbody>
                @for (line of v.lines; track line.institutionId) {
                  <tr data-testid="institution-seats-row" [attr.data-institution]="line.code ?? line.institutionId">
                    <th scope="row" data-testid="institution-seats-name">
                      @if (line.name) {
                        {{ line.name | localized }}
                      } @else {
                        {{ line.code ?? ('programs.seatsByInstitution.unknown' | translate) }}
                      }
                    </th>
                    <td
                      [attr.data-label]="'programs.seatsByInstitution.quota' | translate"
                      data-testid="institution-seats-quota"
                    >
                      @if (line.quota !== undefined) {
                        {{ line.quota | localNumber }}
                        <small class="hint">{{
                          'programs.seatsByInstitution.quotaFree' | translate: { free: (line.free ?? 0 | localNumber) }
                        }}</small>
                      } @else {
                        {{ 'programs.seatsByInstitution.openSeats' | translate }}
                      }
                    </td>
                    <td
                      [attr.data-label]="'enrolmentStatuses.confirmed' | translate"
                      data-testid="institution-seats-confirmed"
                    >
                      {{ line.confirmed | localNumber }}
                    </td>
                    <td
                      [attr.data-label]="'enrolmentStatuses.waitlisted' | translate"
                      data-testid="institution-seats-waitlisted"
                    >
                      {{ line.waitlisted | localNumber }}
                    </td>
                    <td
                      [attr.data-label]="'enrolmentStatuses.pending' | translate"
                      data-testid="institution-seats-pending"
                    >
                      {{ line.pending | localNumber }}
                    </td>
                    <td
                      [attr.data-label]="'programs.seatsByInstitution.nominated' | translate"
                      data-testid="institution-seats-nominated"
                    >
                      {{ line.nominated | localNumber }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p class="hint" data-testid="institution-seats-empty">
            {{ 'programs.seatsByInstitution.empty' | translate }}
          </p>
        }
        @if (v.open; as open) {
          <p data-testid="institution-seats-open">
            {{
              'programs.seatsByInstitution.openPool'
                | translate
                  : {
                      seats: (open.seats | localNumber),
                      confirmed: (open.confirmed | localNumber),
                      free: (open.free | localNumber),
                    }
            }}
          </p>
        } @else {
          <p data-testid="institution-seats-free">
            {{ 'programs.seatsByInstitution.programFree' | translate: { count: (v.available | localNumber) } }}
          </p>
        }
      </section>
    }
  `,
  styles: `
    .institution-seats {
      margin-block: 1rem;
    }
    .institution-seats small {
      display: block;
    }
  `,
})
export class InstitutionSeatsComponent {
  readonly program = input.required<Pick<Program, 'seats' | 'partnerQuotas'>>();
  /** Institutions the viewer may read, for their names. */
  readonly institutions = input<readonly Institution[]>([]);
  private readonly language = inject(LanguageService);

  protected readonly view = computed(() => {
    const language = this.language.current();
    return seatsByInstitution(this.program(), this.institutions(), (text) => resolveLocalizedText(text, language));
  });
}
