import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuthUser, Notification, SessionResponse } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { authInterceptor } from '../auth/auth.interceptor';
import { AuthService } from '../auth/auth.service';
import { UNREAD_POLL_MS, UnreadNotifications } from './unread-notifications';

const COUNT = '/api/v1/notifications/unread-count';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class BlankPage {}

const user: AuthUser = {
  id: 'u1',
  email: 'somchai@e2e.test',
  fullName: 'สมชาย ใจดี',
  role: 'trainee',
  institutionId: 'rmutt',
  preferredLocale: 'en',
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2024-09-01T00:00:00Z',
};
const session: SessionResponse = { accessToken: 'token-1', expiresIn: 900, user };
const notification: Notification = {
  id: 'n1',
  kind: 'enrolment-confirmed',
  title: 'Your place is confirmed: TRPC-TH-2025',
  body: 'Welcome aboard.',
  link: '/my/programs',
  createdAt: '2025-03-01T02:00:00Z',
  readAt: '2025-03-01T03:00:00Z',
};

let visibility: DocumentVisibilityState = 'visible';
function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: '**', component: BlankPage }]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideTestTranslations(),
    ],
  });
  const auth = TestBed.inject(AuthService);
  const backend = TestBed.inject(HttpTestingController);
  const unread = TestBed.inject(UnreadNotifications);
  TestBed.tick(); // runs the store's effect, as the app's first change detection would
  const signIn = async () => {
    const login = auth.login({ email: user.email, password: 'x' });
    backend.expectOne('/api/v1/auth/login').flush(session);
    await login;
    TestBed.tick();
  };
  const answer = (count: number) => {
    const request = backend.expectOne(COUNT);
    expect(request.request.method).toBe('GET');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
    request.flush({ count });
  };
  return { auth, backend, unread, router: TestBed.inject(Router), signIn, answer };
}

describe('UnreadNotifications', () => {
  beforeAll(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });
  beforeEach(() => {
    visibility = 'visible';
    // Only the clocks: promises and microtasks (HTTP, the router) run as usual.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
  });
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  it('never asks for a guest: not on navigation, not when the tab returns, not after minutes', async () => {
    const { backend, unread, router } = setup();
    await router.navigateByUrl('/programs');
    setVisibility('hidden');
    setVisibility('visible');
    jest.advanceTimersByTime(UNREAD_POLL_MS * 4);
    backend.expectNone(COUNT);
    expect(unread.count()).toBe(0);
  });

  it('asks at sign-in, then every 30 seconds while the tab is in view, and not while it is hidden', async () => {
    const { backend, unread, signIn, answer } = setup();
    await signIn();
    answer(2);
    expect(unread.count()).toBe(2);

    jest.advanceTimersByTime(UNREAD_POLL_MS - 1);
    backend.expectNone(COUNT);
    jest.advanceTimersByTime(1);
    answer(3);
    expect(unread.count()).toBe(3);

    setVisibility('hidden');
    jest.advanceTimersByTime(UNREAD_POLL_MS * 3);
    backend.expectNone(COUNT);

    setVisibility('visible'); // back in view: asks at once, then polls again
    answer(4);
    expect(unread.count()).toBe(4);
    jest.advanceTimersByTime(UNREAD_POLL_MS);
    answer(4);
  });

  it('asks again after every navigation and right after marking read', async () => {
    const { backend, unread, router, signIn, answer } = setup();
    await signIn();
    answer(1);

    await router.navigateByUrl('/trainee');
    answer(5);
    expect(unread.count()).toBe(5);

    const marking = unread.markRead('n1');
    const mark = backend.expectOne('/api/v1/notifications/n1/read');
    expect(mark.request.method).toBe('POST');
    backend.expectNone(COUNT); // not before the mark is saved
    mark.flush(notification);
    expect(await marking).toEqual(notification);
    answer(4);
    expect(unread.count()).toBe(4);

    const markingAll = unread.markAllRead();
    backend.expectOne('/api/v1/notifications/read-all').flush({ marked: 4 });
    expect(await markingAll).toEqual({ marked: 4 });
    answer(0);
    expect(unread.count()).toBe(0);
  });

  it('keeps the last number when a question fails', async () => {
    const { backend, unread, signIn, answer } = setup();
    await signIn();
    answer(6);
    jest.advanceTimersByTime(UNREAD_POLL_MS);
    backend.expectOne(COUNT).flush(null, { status: 503, statusText: 'Service Unavailable' });
    expect(unread.count()).toBe(6);
  });

  it('clears the number and stops asking when the person signs out', async () => {
    const { auth, backend, unread, router, signIn, answer } = setup();
    await signIn();
    answer(7);
    expect(unread.count()).toBe(7);

    await router.navigateByUrl('/programs');
    const late = backend.expectOne(COUNT); // still on its way when the person signs out

    const signOut = auth.logout();
    backend.expectOne('/api/v1/auth/logout').flush({});
    await signOut;
    TestBed.tick();
    expect(unread.count()).toBe(0);
    expect(late.cancelled).toBe(true);

    await router.navigateByUrl('/verify');
    setVisibility('hidden');
    setVisibility('visible');
    jest.advanceTimersByTime(UNREAD_POLL_MS * 4);
    backend.expectNone(COUNT);
    expect(unread.count()).toBe(0);
  });
});
