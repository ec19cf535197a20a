import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import {
  TranslateLoader,
  TranslateService,
  provideTranslateLoader,
  provideTranslateService,
} from '@ngx-translate/core';
import { delay, of } from 'rxjs';
import en from '../../../../public/i18n/en.json';
import th from '../../../../public/i18n/th.json';
import { LOCALE_STORAGE_KEY, LanguageService } from './language.service';

/** English loads slowly, like a catalog over a poor connection. */
class CatalogLoader implements TranslateLoader {
  getTranslation(lang: string) {
    return lang === 'th' ? of(th) : of(en).pipe(delay(20));
  }
}

function setup(browserLanguages: string[] = ['en-US']) {
  Object.defineProperty(window.navigator, 'languages', { value: browserLanguages, configurable: true });
  TestBed.configureTestingModule({
    providers: [provideTranslateService({ loader: provideTranslateLoader(CatalogLoader) })],
  });
  return { service: TestBed.inject(LanguageService), document: TestBed.inject(DOCUMENT) };
}

describe('LanguageService', () => {
  beforeEach(() => localStorage.clear());

  it('offers the four languages, each named in its own script', () => {
    const { service } = setup();
    expect(service.options.map((o) => o.nativeName)).toEqual(['English', '中文', 'ไทย', 'Bahasa Melayu']);
  });

  it('starts in the language remembered from the last visit', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'ms');
    expect(setup(['th-TH']).service.initialLocale()).toBe('ms');
  });

  it('otherwise takes the first browser language it speaks, else English', () => {
    expect(setup(['de-DE', 'zh-TW', 'th']).service.initialLocale()).toBe('zh');
    TestBed.resetTestingModule();
    expect(setup(['de-DE', 'fr']).service.initialLocale()).toBe('en');
  });

  it('ignores a remembered value that is not a language we speak', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'klingon');
    expect(setup(['th']).service.initialLocale()).toBe('th');
  });

  it('switches the catalog, the page language and remembers the choice', async () => {
    const { service, document } = setup();
    await service.use('th');
    expect(service.current()).toBe('th');
    expect(document.documentElement.lang).toBe('th');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('th');
  });

  it('keeps the language asked for last when an earlier switch finishes loading later', async () => {
    const { service, document } = setup();
    const slow = service.use('en');
    await service.use('th');
    await slow;
    expect(service.current()).toBe('th');
    expect(document.documentElement.lang).toBe('th');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('th');
    expect(TestBed.inject(TranslateService).getCurrentLang()).toBe('th');
  });
});
