import { registerLocaleData } from '@angular/common';
import localeMs from '@angular/common/locales/ms';
import localeTh from '@angular/common/locales/th';
import localeZh from '@angular/common/locales/zh-Hans';
import { EnvironmentProviders, Provider, inject, provideAppInitializer } from '@angular/core';
import { provideTranslateService } from '@ngx-translate/core';
import { provideTranslateHttpLoader } from '@ngx-translate/http-loader';
import { LanguageService } from './language.service';

// Angular's own locale data (dates, numbers, plurals) for the four languages.
registerLocaleData(localeZh, 'zh');
registerLocaleData(localeTh, 'th');
registerLocaleData(localeMs, 'ms');

/**
 * ngx-translate with the catalogs in public/i18n, and the viewer's language
 * loaded before the first render so no raw keys flash on screen.
 */
export function provideI18n(): (Provider | EnvironmentProviders)[] {
  return [
    provideTranslateService({
      loader: provideTranslateHttpLoader({ prefix: '/i18n/', suffix: '.json' }),
    }),
    provideAppInitializer(() => {
      const languages = inject(LanguageService);
      return languages.use(languages.initialLocale());
    }),
  ];
}
