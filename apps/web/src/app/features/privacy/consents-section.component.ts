import { ChangeDetectionStrategy, Component, inject, OnInit, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type {
  ConsentPurpose,
  ConsentRecordView,
  LogisticsConsentRecordView,
  MyConsents,
  PrivacyNotice,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { PrivacyApi } from './privacy.api';

/** One purpose as the page shows it: its newest record, and whether it is in force. */
interface PurposeLine {
  purpose: ConsentPurpose;
  latest: ConsentRecordView;
  inForce: boolean;
}

/**
 * "Privacy and consents" on the profile page (issue 23): the consents given to
 * the privacy notice, with version and dates; an optional one can be withdrawn
 * and given again, a required one only by erasure (the section below, `#erasure`).
 * Then the separate consents of camp logistics, each withdrawable: that
 * deletes the passport or dietary data it allowed, so the page asks first.
 */
@Component({
  selector: 'sb-consents-section',
  imports: [TranslatePipe, RouterLink, InstantDatePipe, LocalizedPipe, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" id="privacy" aria-labelledby="consents-title" data-testid="consents-section">
      <h2 id="consents-title">{{ 'privacy.consents.title' | translate }}</h2>
      <p class="hint">
        {{ 'privacy.consents.lead' | translate }}
        <a routerLink="/privacy" data-testid="consents-notice-link">{{ 'privacy.notice.footerLink' | translate }}</a>
      </p>
      @if (failure(); as code) {
        <div class="alert alert-error" role="alert" data-testid="consents-error">
          {{ 'errors.' + code | translate }}
        </div>
      }
      @if (notice(); as notice) {
        <div class="alert alert-success" role="status" data-testid="consents-notice">
          {{ 'privacy.consents.notices.' + notice | translate }}
        </div>
      }
      @if (lines(); as lines) {
        @if (lines.length === 0) {
          <p class="hint" data-testid="consents-none">{{ 'privacy.consents.none' | translate }}</p>
        }
        <ul class="list" data-testid="consent-list">
          @for (line of lines; track line.purpose) {
            <li
              class="item"
              data-testid="consent"
              [attr.data-purpose]="line.purpose"
              [attr.data-in-force]="line.inForce"
            >
              <div>
                <p class="name">{{ 'privacy.purposes.' + line.purpose | translate }}</p>
                <p class="hint">
                  <a [routerLink]="['/privacy', line.latest.noticeVersion]">{{
                    'privacy.consents.version' | translate: { version: line.latest.noticeVersion }
                  }}</a>
                  ·
                  {{
                    'privacy.consents.given'
                      | translate
                        : {
                            date: (line.latest.givenAt | instantDate),
                            source: ('privacy.sources.' + line.latest.source | translate),
                          }
                  }}
                  @if (line.latest.withdrawnAt) {
                    ·
                    <span data-testid="consent-withdrawn">{{
                      'privacy.consents.withdrawnOn' | translate: { date: (line.latest.withdrawnAt | instantDate) }
                    }}</span>
                  }
                </p>
                @if (line.latest.erasureOnWithdrawal) {
                  <p class="hint" data-testid="consent-erasure-hint">
                    {{ 'privacy.consents.erasureHint' | translate }}
                    <a href="#erasure" data-testid="consent-erasure-link">{{
                      'privacy.consents.erasureLink' | translate
                    }}</a>
                  </p>
                }
              </div>
              @if (!line.latest.erasureOnWithdrawal) {
                @if (line.inForce) {
                  <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid="consent-withdraw"
                    [disabled]="busy()"
                    (click)="withdraw(line.purpose)"
                  >
                    {{ 'privacy.consents.withdraw' | translate }}
                  </button>
                } @else {
                  <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid="consent-give"
                    [disabled]="busy()"
                    (click)="give(line.purpose)"
                  >
                    {{ 'privacy.consents.giveAgain' | translate }}
                  </button>
                }
              }
            </li>
          }
          @if (newsMissing()) {
            <li class="item" data-testid="consent" data-purpose="program-news" data-in-force="false">
              <div>
                <p class="name">{{ 'privacy.purposes.program-news' | translate }}</p>
                <p class="hint">{{ 'privacy.consents.notGiven' | translate }}</p>
              </div>
              <button
                type="button"
                class="btn btn-secondary"
                data-testid="consent-give"
                [disabled]="busy()"
                (click)="give('program-news')"
              >
                {{ 'privacy.consents.give' | translate }}
              </button>
            </li>
          }
        </ul>

        @if (logistics().length) {
          <h3>{{ 'privacy.consents.logisticsTitle' | translate }}</h3>
          <ul class="list" data-testid="logistics-consent-list">
            @for (consent of logistics(); track consent.id) {
              <li class="item" data-testid="logistics-consent" [attr.data-purpose]="consent.purpose">
                <div>
                  <p class="name">
                    {{ 'privacy.logisticsPurposes.' + consent.purpose | translate }} —
                    {{ consent.programTitle | localized }} ({{ consent.programCode }})
                  </p>
                  <p class="hint">
                    {{
                      'privacy.consents.given'
                        | translate
                          : {
                              date: (consent.givenAt | instantDate),
                              source: ('privacy.collected.' + consent.collected | translate),
                            }
                    }}
                    @if (consent.withdrawnAt) {
                      ·
                      <span data-testid="logistics-consent-withdrawn">{{
                        'privacy.consents.withdrawnOn' | translate: { date: (consent.withdrawnAt | instantDate) }
                      }}</span>
                    }
                  </p>
                </div>
                @if (!consent.withdrawnAt) {
                  <button
                    type="button"
                    class="btn btn-danger"
                    data-testid="logistics-consent-withdraw"
                    [disabled]="busy()"
                    (click)="askWithdrawLogistics(consent)"
                  >
                    {{ 'privacy.consents.withdraw' | translate }}
                  </button>
                }
              </li>
            }
          </ul>
        }
      } @else if (!failure()) {
        <p class="hint">{{ 'forms.loading' | translate }}</p>
      }
      <sb-confirm-dialog
        id="logistics-withdraw"
        [title]="'privacy.consents.confirmTitle' | translate"
        [message]="confirmMessage()"
        [confirmLabel]="'privacy.consents.withdraw' | translate"
        [danger]="true"
        (confirmed)="withdrawLogistics()"
      />
    </section>
  `,
  styles: `
    .list {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.75rem;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem 1rem;
      border-top: 1px solid var(--sb-border);
      padding-top: 0.75rem;
    }
    .name {
      margin: 0;
      font-weight: 600;
    }
    .hint {
      margin: 0.25rem 0 0;
    }
  `,
})
export class ConsentsSectionComponent implements OnInit {
  private readonly api = inject(PrivacyApi);
  private readonly translate = inject(TranslateService);
  private readonly dialog = viewChild.required(ConfirmDialogComponent);

  protected readonly lines = signal<PurposeLine[] | null>(null);
  protected readonly logistics = signal<LogisticsConsentRecordView[]>([]);
  /** The optional consent was never given: the page offers it. */
  protected readonly newsMissing = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly notice = signal<'withdrawn' | 'given' | 'logisticsWithdrawn' | null>(null);
  protected readonly confirmMessage = signal('');
  private current: PrivacyNotice | null = null;
  private pending: LogisticsConsentRecordView | null = null;

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      this.show(await firstValueFrom(this.api.myConsents()));
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  private show(mine: MyConsents): void {
    // The newest record of each purpose says where it stands (records come newest first).
    const byPurpose = new Map<ConsentPurpose, ConsentRecordView[]>();
    for (const record of mine.consents)
      byPurpose.set(record.purpose, [...(byPurpose.get(record.purpose) ?? []), record]);
    const lines: PurposeLine[] = [...byPurpose.entries()].map(([purpose, records]) => ({
      purpose,
      latest: records.find((r) => r.withdrawnAt === null) ?? records[0],
      inForce: records.some((r) => r.withdrawnAt === null),
    }));
    const order: ConsentPurpose[] = ['program-administration', 'cross-border-transfer', 'program-news'];
    lines.sort((a, b) => order.indexOf(a.purpose) - order.indexOf(b.purpose));
    this.lines.set(lines);
    this.newsMissing.set(!byPurpose.has('program-news'));
    this.logistics.set(mine.logistics);
  }

  protected async withdraw(purpose: ConsentPurpose): Promise<void> {
    await this.run(() => firstValueFrom(this.api.withdraw(purpose)), 'withdrawn');
  }

  protected async give(purpose: ConsentPurpose): Promise<void> {
    await this.run(async () => {
      // To the notice of today: that is what the person is shown when they give it.
      this.current ??= await firstValueFrom(this.api.current());
      await firstValueFrom(this.api.give(purpose, this.current.version));
    }, 'given');
  }

  protected askWithdrawLogistics(consent: LogisticsConsentRecordView): void {
    this.pending = consent;
    this.confirmMessage.set(
      this.translate.instant(`privacy.consents.confirm.${consent.purpose}`, { program: consent.programCode }),
    );
    this.dialog().open();
  }

  protected async withdrawLogistics(): Promise<void> {
    const consent = this.pending;
    if (!consent) return;
    this.pending = null;
    await this.run(() => firstValueFrom(this.api.withdrawLogistics(consent.id)), 'logisticsWithdrawn');
  }

  private async run(call: () => Promise<unknown>, notice: 'withdrawn' | 'given' | 'logisticsWithdrawn') {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    try {
      await call();
      this.show(await firstValueFrom(this.api.myConsents()));
      this.notice.set(notice);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
