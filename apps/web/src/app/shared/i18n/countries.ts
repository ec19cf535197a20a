import { Injectable, computed, inject } from '@angular/core';
import { COUNTRY_CODES, type CountryCode } from '@skillbridge/contracts';
import { HTML_LANG, LanguageService } from '../../core/i18n/language.service';

export interface CountryOption {
  code: CountryCode;
  name: string;
}

/** Country names in the viewer's language (the browser's own CLDR data), sorted as that language sorts. */
@Injectable({ providedIn: 'root' })
export class CountryNames {
  private readonly languages = inject(LanguageService);

  private readonly names = computed(() => {
    const locale = HTML_LANG[this.languages.current()];
    const display = new Intl.DisplayNames([locale], { type: 'region' });
    return new Map(COUNTRY_CODES.map((code) => [code, display.of(code) ?? code]));
  });

  readonly options = computed<CountryOption[]>(() => {
    const collator = new Intl.Collator(HTML_LANG[this.languages.current()]);
    return [...this.names()].map(([code, name]) => ({ code, name })).sort((a, b) => collator.compare(a.name, b.name));
  });

  name(code: string): string {
    return this.names().get(code as CountryCode) ?? code;
  }
}
