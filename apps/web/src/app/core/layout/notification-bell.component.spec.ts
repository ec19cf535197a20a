import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../i18n/language.service';
import { UnreadNotifications } from '../notifications/unread-notifications';
import { NotificationBellComponent } from './notification-bell.component';

describe('NotificationBellComponent', () => {
  async function render(locale: 'en' | 'th' = 'en') {
    const count = signal(0);
    TestBed.configureTestingModule({
      imports: [NotificationBellComponent],
      providers: [provideRouter([]), provideTestTranslations(), { provide: UnreadNotifications, useValue: { count } }],
    });
    await TestBed.inject(LanguageService).use(locale);
    const fixture = TestBed.createComponent(NotificationBellComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const bell = () => element.querySelector('[data-testid="notification-bell"]') as HTMLAnchorElement;
    const badge = () => element.querySelector('[data-testid="notification-count"]');
    const show = async (n: number) => {
      count.set(n);
      await fixture.whenStable();
    };
    return { bell, badge, show };
  }

  it('links to the notifications page and hides the badge when nothing is unread', async () => {
    const { bell, badge } = await render();
    expect(bell().getAttribute('href')).toBe('/notifications');
    expect(bell().getAttribute('aria-label')).toBe('Notifications');
    expect(bell().querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(badge()).toBeNull();
  });

  it('shows the number, up to 99, and says it in words', async () => {
    const { bell, badge, show } = await render();
    await show(3);
    expect(badge()?.textContent?.trim()).toBe('3');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 3 unread');
    await show(99);
    expect(badge()?.textContent?.trim()).toBe('99');
    await show(0);
    expect(badge()).toBeNull();
  });

  it('shows 99+ above 99, while the words keep the real number', async () => {
    const { bell, badge, show } = await render();
    await show(100);
    expect(badge()?.textContent?.trim()).toBe('99+');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 100 unread');
  });

  it('says it in the page’s language', async () => {
    const { bell, show } = await render('th');
    await show(2);
    expect(bell().getAttribute('aria-label')).toBe('การแจ้งเตือน ยังไม่ได้อ่าน 2 รายการ');
  });
});
