import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslateLoader, provideTranslateLoader, provideTranslateService } from '@ngx-translate/core';
import { of } from 'rxjs';
import en from '../../../../public/i18n/en.json';
import ms from '../../../../public/i18n/ms.json';
import th from '../../../../public/i18n/th.json';
import zh from '../../../../public/i18n/zh.json';
import { LanguageService } from '../i18n/language.service';
import { ShellComponent } from './shell.component';

const catalogs: Record<string, object> = { en, zh, th, ms };

class CatalogLoader implements TranslateLoader {
  getTranslation(lang: string) {
    return of(catalogs[lang]);
  }
}

describe('ShellComponent', () => {
  async function render(locale: 'en' | 'zh' | 'th' | 'ms') {
    TestBed.configureTestingModule({
      imports: [ShellComponent],
      providers: [provideRouter([]), provideTranslateService({ loader: provideTranslateLoader(CatalogLoader) })],
    });
    await TestBed.inject(LanguageService).use(locale);
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the product name and a switcher with every language in its own script', async () => {
    const element = await render('en');
    expect(element.querySelector('.brand-name')?.textContent).toContain('Skillbridge');
    const options = [...element.querySelectorAll('option')].map((o) => [o.value, o.textContent?.trim(), o.lang]);
    expect(options).toEqual([
      ['en', 'English', 'en'],
      ['zh', '中文', 'zh-CN'],
      ['th', 'ไทย', 'th'],
      ['ms', 'Bahasa Melayu', 'ms'],
    ]);
  });

  it.each([
    ['zh', '首页'],
    ['th', 'หน้าแรก'],
    ['ms', 'Laman utama'],
  ] as const)('speaks %s', async (locale, home) => {
    const element = await render(locale);
    expect(element.querySelector('nav a')?.textContent?.trim()).toBe(home);
  });

  it('switches language when another is chosen', async () => {
    const element = await render('en');
    const select = element.querySelector('select') as HTMLSelectElement;
    select.value = 'th';
    select.dispatchEvent(new Event('change'));
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(LanguageService).current()).toBe('th');
  });
});
