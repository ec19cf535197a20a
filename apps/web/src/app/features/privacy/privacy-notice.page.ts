import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { resolveLocalizedText } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { LanguageService } from '../../core/i18n/language.service';
import { CountryNamePipe } from '../../shared/i18n/country-name.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { paragraphsOf, PrivacyApi } from './privacy.api';

/**
 * The privacy notice (public): the current version at `/privacy`, any version
 * at `/privacy/:version` (what a consent was given to). In the page's
 * language, else English, then whichever language the version has.
 */
@Component({
  selector: 'sb-privacy-notice-page',
  imports: [TranslatePipe, RouterLink, LocalizedPipe, CountryNamePipe, InstantDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="narrow notice" data-testid="privacy-notice">
      <h1>{{ 'privacy.notice.title' | translate }}</h1>
      @if (notice.error(); as error) {
        <div class="alert alert-error" role="alert" data-testid="privacy-notice-error">
          {{ 'errors.' + codeOf(error) | translate }}
        </div>
      } @else if (notice.value(); as notice) {
        <p class="lead" data-testid="privacy-notice-version">
          {{
            'privacy.notice.version' | translate: { version: notice.version, date: (notice.publishedAt | instantDate) }
          }}
        </p>
        @if (version()) {
          <p>
            <a routerLink="/privacy" data-testid="privacy-current-link">{{ 'privacy.notice.current' | translate }}</a>
          </p>
        }
        <dl class="facts">
          <dt>{{ 'privacy.notice.controller' | translate }}</dt>
          <dd data-testid="privacy-controller">{{ notice.controller | localized }}</dd>
          <dt>{{ 'privacy.notice.contact' | translate }}</dt>
          <dd data-testid="privacy-contact">{{ notice.contact }}</dd>
          <dt>{{ 'privacy.notice.recipients' | translate }}</dt>
          <dd data-testid="privacy-recipients">
            @if (notice.recipients.length) {
              <ul>
                @for (recipient of notice.recipients; track $index) {
                  <li>{{ recipient.name | localized }} ({{ recipient.country | countryName }})</li>
                }
              </ul>
            } @else {
              {{ 'privacy.notice.noRecipients' | translate }}
            }
          </dd>
          <dt>{{ 'privacy.notice.retention' | translate }}</dt>
          <dd>{{ 'privacy.notice.retentionYears' | translate: { years: notice.retentionYears } }}</dd>
        </dl>
        <div class="text" [attr.lang]="textLang()" data-testid="privacy-notice-text">
          @for (paragraph of paragraphs(); track $index) {
            <p>{{ paragraph }}</p>
          }
        </div>
      } @else {
        <p class="hint">{{ 'forms.loading' | translate }}</p>
      }
    </article>
  `,
  styles: `
    /* Labels above their values on a phone, beside them from a tablet up; long addresses wrap. */
    .notice {
      overflow-wrap: anywhere;
    }
    .facts {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.25rem 1rem;
    }
    @media (min-width: 40rem) {
      .facts {
        grid-template-columns: max-content minmax(0, 1fr);
      }
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
    }
    .facts ul {
      margin: 0;
      padding-left: 1.2rem;
    }
    .text p {
      line-height: 1.6;
    }
  `,
})
export class PrivacyNoticePage {
  private readonly api = inject(PrivacyApi);
  private readonly languages = inject(LanguageService);
  /** The route's `:version`; none: the current notice. */
  readonly version = input<string>();

  protected readonly notice = resource({
    params: () => ({ version: this.version() }),
    loader: ({ params }) => firstValueFrom(params.version ? this.api.version(params.version) : this.api.current()),
  });

  protected readonly paragraphs = computed(() => {
    const notice = this.notice.value();
    return notice ? paragraphsOf(resolveLocalizedText(notice.text, this.languages.current())) : [];
  });

  /** The language the text is shown in (it may fall back), for the `lang` attribute. */
  protected readonly textLang = computed(() => {
    const text = this.notice.value()?.text;
    const current = this.languages.current();
    if (!text) return null;
    if (text[current]?.trim()) return current;
    return (['en', 'zh', 'th', 'ms'] as const).find((l) => text[l]?.trim()) ?? null;
  });

  protected codeOf(error: unknown): string {
    return problemOf(error).code;
  }
}
