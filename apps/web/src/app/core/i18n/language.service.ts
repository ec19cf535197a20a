import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import {
  DEFAULT_LOCALE,
  LOCALE_NATIVE_NAMES,
  Locale,
  SUPPORTED_LOCALES,
  isLocale,
  toSupportedLocale,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';

export const LOCALE_STORAGE_KEY = 'sb.locale';

/** The `lang` attribute per locale: zh means Simplified Chinese, which picks the right CJK glyphs. */
export const HTML_LANG: Readonly<Record<Locale, string>> = { en: 'en', zh: 'zh-CN', th: 'th', ms: 'ms' };

export interface LanguageOption {
  locale: Locale;
  nativeName: string;
  htmlLang: string;
}

/**
 * The viewer's language: chosen in the switcher and remembered in this
 * browser, else the first of the browser's languages we speak, else English.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);

  readonly options: readonly LanguageOption[] = SUPPORTED_LOCALES.map((locale) => ({
    locale,
    nativeName: LOCALE_NATIVE_NAMES[locale],
    htmlLang: HTML_LANG[locale],
  }));

  private readonly currentLocale = signal<Locale>(DEFAULT_LOCALE);
  private requests = 0;
  readonly current = this.currentLocale.asReadonly();

  initialLocale(): Locale {
    const stored = this.readStored();
    if (stored) return stored;
    const browserLanguages = this.document.defaultView?.navigator.languages ?? [];
    for (const tag of browserLanguages) {
      const locale = toSupportedLocale(tag);
      if (locale) return locale;
    }
    return DEFAULT_LOCALE;
  }

  /**
   * Switches to the locale once its catalog is loaded. When switches overlap
   * (the account's language arriving at sign-in while the person picks
   * another), the last one asked for wins, not the last catalog to load.
   */
  async use(locale: Locale): Promise<void> {
    const request = ++this.requests;
    await firstValueFrom(this.translate.use(locale));
    if (request !== this.requests) return;
    this.currentLocale.set(locale);
    this.document.documentElement.lang = HTML_LANG[locale];
    this.document.title = this.translate.instant('app.name');
    this.store(locale);
  }

  private readStored(): Locale | null {
    try {
      const value = this.document.defaultView?.localStorage.getItem(LOCALE_STORAGE_KEY);
      return isLocale(value) ? value : null;
    } catch {
      return null; // storage disabled (private mode, policy)
    }
  }

  private store(locale: Locale): void {
    try {
      this.document.defaultView?.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Not remembered across visits, but the page still switches.
    }
  }
}
