import { TestBed } from '@angular/core/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { Router, provideRouter } from '@angular/router';
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

@Component({ selector: 'sb-blank', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class BlankPage {}

describe('ShellComponent', () => {
  async function render(locale: 'en' | 'zh' | 'th' | 'ms') {
    TestBed.configureTestingModule({
      imports: [ShellComponent],
      providers: [
        provideRouter([{ path: 'elsewhere', component: BlankPage }]),
        provideTranslateService({ loader: provideTranslateLoader(CatalogLoader) }),
      ],
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

  describe('the phone menu', () => {
    async function openMenu() {
      const element = await render('en');
      document.body.appendChild(element);
      const button = element.querySelector('[data-testid="menu-button"]') as HTMLButtonElement;
      button.click();
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
      return { element, button, menu: element.querySelector('#site-menu') as HTMLElement };
    }

    afterEach(() => document.body.replaceChildren());

    it('is a button that says whether its drawer is open, and names the drawer it controls', async () => {
      const element = await render('en');
      const button = element.querySelector('[data-testid="menu-button"]') as HTMLButtonElement;
      expect(button.getAttribute('aria-expanded')).toBe('false');
      expect(button.getAttribute('aria-controls')).toBe('site-menu');
      expect(button.textContent?.trim()).toBe('Menu');
      button.click();
      TestBed.tick();
      expect(button.getAttribute('aria-expanded')).toBe('true');
      expect(element.querySelector('#site-menu')?.classList).toContain('open');
    });

    it('moves the keyboard into the drawer when it opens', async () => {
      const { menu } = await openMenu();
      expect(menu.contains(document.activeElement)).toBe(true);
    });

    it('closes on Escape and gives the keyboard back to the menu button', async () => {
      const { element, button } = await openMenu();
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      TestBed.tick();
      expect(button.getAttribute('aria-expanded')).toBe('false');
      expect(element.querySelector('#site-menu')?.classList).not.toContain('open');
      expect(document.activeElement).toBe(button);
    });

    it('keeps Tab inside the drawer and its button while open', async () => {
      const { button, menu } = await openMenu();
      const links = [...menu.querySelectorAll<HTMLElement>('a[href]')];
      links[links.length - 1].focus();
      links[links.length - 1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
      expect(document.activeElement).toBe(button);
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true }));
      expect(document.activeElement).toBe(links[links.length - 1]);
    });

    it('closes when a navigation ends', async () => {
      const { button } = await openMenu();
      await TestBed.inject(Router).navigateByUrl('/elsewhere');
      TestBed.tick();
      expect(button.getAttribute('aria-expanded')).toBe('false');
    });
  });
});
