import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Notification } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { NotificationsPage } from './notifications.page';

const LIST = '/api/v1/notifications';

const notification = (id: string, overrides: Partial<Notification> = {}): Notification => ({
  id,
  kind: 'enrolment-confirmed',
  title: `Your place is confirmed: TRPC-${id}`,
  body: 'Welcome to the camp.\nIt starts on 3 March.',
  link: '/my/programs',
  createdAt: '2025-03-01T02:00:00Z',
  readAt: null,
  ...overrides,
});
const read = (n: Notification): Notification => ({ ...n, readAt: '2025-03-02T00:00:00Z' });

/** Lets the page's awaited HTTP answers resolve, then renders. */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(items: Notification[]) {
  TestBed.configureTestingModule({
    imports: [NotificationsPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  const fixture = TestBed.createComponent(NotificationsPage);
  fixture.detectChanges();
  const first = backend.expectOne((r) => r.url === LIST);
  expect(first.request.params.get('unread')).toBeNull();
  first.flush({ items, nextCursor: null });
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const item = (id: string) => element.querySelector<HTMLElement>(`[data-testid="notification"][data-id="${id}"]`);
  const inItem = (id: string, testId: string) => item(id)?.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const one = (testId: string) => element.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  return { fixture, backend, navigate, element, item, inItem, one };
}

describe('NotificationsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('marks unread ones with a label, not by colour alone', async () => {
    const { item, inItem } = await render([notification('a'), read(notification('b', { link: null }))]);
    expect(item('a')?.dataset['read']).toBe('unread');
    expect(inItem('a', 'notification-unread')?.textContent?.trim()).toBe('Unread');
    expect(inItem('a', 'notification-mark-read')).toBeTruthy();
    expect(item('b')?.dataset['read']).toBe('read');
    expect(inItem('b', 'notification-unread')).toBeNull();
    expect(inItem('b', 'notification-mark-read')).toBeNull();
    expect(inItem('b', 'notification-link')).toBeNull(); // nowhere to go
    expect(inItem('a', 'notification-body')?.textContent).toContain('It starts on 3 March.');
  });

  it('marks a notification read before following its link', async () => {
    const { fixture, backend, navigate, item, inItem } = await render([notification('a'), notification('b')]);
    const link = inItem('a', 'notification-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/my/programs');

    link.click();
    const mark = backend.expectOne('/api/v1/notifications/a/read');
    expect(mark.request.method).toBe('POST');
    await settle(fixture);
    expect(navigate).not.toHaveBeenCalled(); // not before the mark is saved

    mark.flush(read(notification('a')));
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith('/my/programs');
    expect(item('a')?.dataset['read']).toBe('read');
    expect(item('b')?.dataset['read']).toBe('unread');
  });

  it('follows the link of a read notification without marking it again', async () => {
    const { fixture, backend, navigate, inItem } = await render([read(notification('a'))]);
    inItem('a', 'notification-link')?.click();
    await settle(fixture);
    backend.expectNone('/api/v1/notifications/a/read');
    expect(navigate).toHaveBeenCalledWith('/my/programs');
  });

  it('marks one read with its own button and stays on the page', async () => {
    const { fixture, backend, navigate, item, inItem } = await render([notification('a')]);
    inItem('a', 'notification-mark-read')?.click();
    backend.expectOne('/api/v1/notifications/a/read').flush(read(notification('a')));
    await settle(fixture);
    expect(item('a')?.dataset['read']).toBe('read');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('marks all as read at once', async () => {
    const { fixture, backend, element, one } = await render([
      notification('a'),
      notification('b', { kind: 'certificate-issued', link: '/my/certificates' }),
      read(notification('c')),
    ]);
    const button = one('notifications-mark-all') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    button.click();
    const request = backend.expectOne('/api/v1/notifications/read-all');
    expect(request.request.method).toBe('POST');
    request.flush({ marked: 2 });
    await settle(fixture);
    expect(element.querySelectorAll('[data-read="unread"]')).toHaveLength(0);
    expect(element.querySelectorAll('[data-read="read"]')).toHaveLength(3);
    expect(one('notifications-notice')?.textContent?.trim()).toBe('2 marked as read.');
    expect(button.disabled).toBe(true);
  });

  it('says why when marking fails, and keeps the item unread', async () => {
    const { fixture, backend, item, inItem, one } = await render([notification('a')]);
    inItem('a', 'notification-mark-read')?.click();
    backend
      .expectOne('/api/v1/notifications/a/read')
      .flush(
        { type: '', title: '', status: 404, detail: '', code: 'NOT_FOUND' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle(fixture);
    expect(one('notifications-action-error')).toBeTruthy();
    expect(item('a')?.dataset['read']).toBe('unread');
  });

  it('shows only unread ones when asked, and says so when there are none', async () => {
    const { fixture, backend, one } = await render([]);
    expect(one('notifications-empty')?.textContent?.trim()).toBe('You have no notifications yet.');
    // An empty list offers the next step: back to the person's own home.
    expect(one('notifications-empty-next')?.getAttribute('href')).toBe('/');
    const toggle = one('notifications-unread-only') as HTMLInputElement;
    toggle.checked = true;
    toggle.dispatchEvent(new Event('change'));
    const request = backend.expectOne((r) => r.url === LIST);
    expect(request.request.params.get('unread')).toBe('true');
    request.flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(one('notifications-empty')?.textContent?.trim()).toBe('Nothing unread: you are up to date.');
  });
});
