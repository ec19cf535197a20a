import { Injectable, computed, inject } from '@angular/core';
import { HTML_LANG, LanguageService } from '../../core/i18n/language.service';

/**
 * Languages an instructor may teach in, as ISO 639-1 codes: those of the
 * programs' countries first thought of (China and ASEAN) and the common
 * lingua francas. Any other two- or three-letter code the API holds is still
 * shown by name.
 */
export const TEACHING_LANGUAGES = [
  'zh',
  'en',
  'th',
  'ms',
  'id',
  'vi',
  'km',
  'lo',
  'my',
  'fil',
  'ta',
  'ja',
  'ko',
  'fr',
  'de',
  'es',
  'ru',
  'ar',
  'pt',
  'hi',
] as const;

/** Language names in the viewer's language (the browser's own CLDR data), sorted as that language sorts. */
@Injectable({ providedIn: 'root' })
export class LanguageNames {
  private readonly languages = inject(LanguageService);

  private readonly display = computed(
    () => new Intl.DisplayNames([HTML_LANG[this.languages.current()]], { type: 'language', fallback: 'code' }),
  );

  readonly options = computed(() => {
    const collator = new Intl.Collator(HTML_LANG[this.languages.current()]);
    return TEACHING_LANGUAGES.map((code) => ({ code, name: this.name(code) })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
  });

  name(code: string): string {
    try {
      return this.display().of(code) ?? code;
    } catch {
      return code; // not a well-formed code: show it as stored
    }
  }
}
