import {
  TranslateLoader,
  TranslationObject,
  provideTranslateLoader,
  provideTranslateService,
} from '@ngx-translate/core';
import { of } from 'rxjs';
import en from '../../public/i18n/en.json';
import ms from '../../public/i18n/ms.json';
import th from '../../public/i18n/th.json';
import zh from '../../public/i18n/zh.json';

const CATALOGS: Record<string, TranslationObject> = { en, zh, th, ms };

class CatalogLoader implements TranslateLoader {
  getTranslation(lang: string) {
    return of(CATALOGS[lang]);
  }
}

/** ngx-translate with the app's real catalogs, for component tests. */
export const provideTestTranslations = () => provideTranslateService({ loader: provideTranslateLoader(CatalogLoader) });
