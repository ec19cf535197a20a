import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { isLocale } from '@skillbridge/contracts';
import { AuthService } from '../auth/auth.service';
import { LanguageService } from '../i18n/language.service';

/** Each language named in its own script: English, 中文, ไทย, Bahasa Melayu. */
@Component({
  selector: 'sb-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="switcher">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
        <path
          fill="currentColor"
          d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-2.95a15.7 15.7 0 0 0-1.38-3.56A8.03 8.03 0 0 1 18.9 8ZM12 4.04c.83 1.2 1.48 2.53 1.91 3.96h-3.82A13.8 13.8 0 0 1 12 4.04ZM4.26 14a8.2 8.2 0 0 1 0-4h3.38a16.5 16.5 0 0 0 0 4H4.26Zm.84 2h2.95c.32 1.25.78 2.45 1.38 3.56A7.99 7.99 0 0 1 5.1 16Zm2.95-8H5.1a7.99 7.99 0 0 1 4.33-3.56A15.7 15.7 0 0 0 8.05 8ZM12 19.96A13.8 13.8 0 0 1 10.09 16h3.82A13.8 13.8 0 0 1 12 19.96ZM14.34 14H9.66a14.7 14.7 0 0 1 0-4h4.68a14.7 14.7 0 0 1 0 4Zm.25 5.56c.6-1.11 1.06-2.31 1.38-3.56h2.95a8.03 8.03 0 0 1-4.33 3.56ZM16.36 14a16.5 16.5 0 0 0 0-4h3.38a8.2 8.2 0 0 1 0 4h-3.38Z"
        />
      </svg>
      <span class="visually-hidden">{{ 'shell.language' | translate }}</span>
      <select data-testid="language-switcher" [value]="languages.current()" (change)="choose($event)">
        @for (option of languages.options; track option.locale) {
          <option
            [value]="option.locale"
            [attr.lang]="option.htmlLang"
            [selected]="option.locale === languages.current()"
          >
            {{ option.nativeName }}
          </option>
        }
      </select>
    </label>
  `,
  styles: `
    .switcher {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      color: var(--sb-on-brand);
    }
    select {
      font: inherit;
      font-family: var(--sb-font-language-names);
      color: var(--sb-text);
      background: var(--sb-surface);
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius-sm);
      padding: 0.3rem 0.5rem;
      min-height: 2.25rem;
      /* As wide as the longest language name, not the whole bar (the page's selects fill their field). */
      width: auto;
    }
    /* On a phone the bar holds the brand, this, the bell and the menu in one row. */
    @media (max-width: 25rem) {
      svg {
        display: none;
      }
    }
  `,
})
export class LanguageSwitcherComponent {
  protected readonly languages = inject(LanguageService);
  private readonly auth = inject(AuthService);

  /** Switches the page; signed in, it also becomes the account's language (e-mails follow it). */
  protected async choose(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    if (!isLocale(value)) return;
    await this.languages.use(value);
    if (this.auth.signedIn()) await this.auth.updateProfile({ preferredLocale: value }).catch(() => undefined);
  }
}
