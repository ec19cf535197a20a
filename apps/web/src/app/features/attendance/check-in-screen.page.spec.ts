import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CheckInCode, CheckInState, Program, Session } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { CheckInScreenPage, countdown, spacedCode } from './check-in-screen.page';

const SESSION = {
  id: 's1',
  programId: 'p1',
  title: { en: 'Tea culture', zh: '茶文化' },
  startsAt: '2026-12-07T01:00:00Z',
  endsAt: '2026-12-07T03:00:00Z',
} as Session;
const PROGRAM = {
  id: 'p1',
  code: 'TRPC-TH-2026',
  title: { en: 'Chinese tea culture' },
  timezone: 'Asia/Shanghai',
  status: 'published',
} as Program;
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const closed = (): CheckInState => ({ sessionId: 's1', open: false, expected: 3, checkIns: [] });
const opened = (): CheckInState => ({
  sessionId: 's1',
  open: true,
  openedAt: inMinutes(-1),
  closesAt: inMinutes(14),
  expected: 3,
  checkIns: [
    {
      traineeId: 't2',
      fullName: 'มาลี ศรีสุข',
      fullNameLatin: 'Malee Srisuk',
      status: 'late',
      checkedInAt: inMinutes(0),
    },
    { traineeId: 't1', fullName: 'Somchai Jaidee', status: 'present', checkedInAt: inMinutes(-1) },
  ],
});
const CODE = (): CheckInCode => ({
  code: 'K7M4QX9P',
  expiresAt: new Date(Math.ceil(Date.now() / 30_000) * 30_000).toISOString(),
  url: 'https://sb.example/check-in/s1?code=K7M4QX9P',
});

/** Whether the test runs on Jest's clock (then settling moves it on a little instead of waiting). */
let fakeClock = false;

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    if (fakeClock) await jest.advanceTimersByTimeAsync(1);
    else await new Promise((resolve) => setTimeout(resolve));
  }
  await fixture.whenStable();
}

async function render(state: CheckInState, locale: 'en' | 'zh' = 'en') {
  TestBed.configureTestingModule({
    imports: [CheckInScreenPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CheckInScreenPage);
  fixture.componentRef.setInput('id', 's1');
  fixture.detectChanges();
  backend.expectOne('/api/v1/sessions/s1').flush(SESSION);
  backend.expectOne('/api/v1/sessions/s1/check-in').flush(state);
  await settle(fixture);
  backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, backend, element, one, text };
}

describe('CheckInScreenPage', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
  });

  it('opens check-in for the minutes chosen (15 by default), then shows the QR, the code and the count', async () => {
    const { fixture, backend, one, text } = await render(closed());
    expect(text('check-in-session-title')).toBe('Tea culture');
    const minutes = one('check-in-minutes') as HTMLInputElement;
    expect(minutes.value).toBe('15');
    (one('check-in-open') as HTMLButtonElement).click();
    await settle(fixture);
    const open = backend.expectOne('/api/v1/sessions/s1/check-in/open');
    expect(open.request.body).toEqual({ minutes: 15 });
    open.flush({ sessionId: 's1', openedAt: inMinutes(0), closesAt: inMinutes(15) });
    await settle(fixture);
    backend.expectOne('/api/v1/sessions/s1/check-in').flush({ ...opened(), checkIns: [] });
    await settle(fixture);
    backend.expectOne('/api/v1/sessions/s1/check-in/code').flush(CODE());
    await settle(fixture);
    // The QR is drawn here, from the address the API gave.
    expect(one('check-in-qr')?.querySelector('svg[role="img"] path')?.getAttribute('d')).toMatch(/^M\d/);
    expect(text('check-in-code')).toBe('K7M4 QX9P');
    expect(text('check-in-count')).toBe('0 of 3 checked in');
    expect(one('check-in-count')?.getAttribute('aria-live')).toBe('polite');
    expect(text('check-in-countdown')).toMatch(/^Closes in 1[45]:\d\d$/);
    fixture.destroy();
  });

  it('shows who checked in, newest first, with the mark in words; Close closes it', async () => {
    const { fixture, backend, element, one, text } = await render(opened(), 'zh');
    backend.expectOne('/api/v1/sessions/s1/check-in/code').flush(CODE());
    await settle(fixture);
    expect(text('check-in-count')).toBe('已签到 2 / 3 人');
    const names = [...element.querySelectorAll('[data-testid="check-in-names"] li')].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(names[0]).toMatch(/^มาลี ศรีสุข ?Malee Srisuk ?迟到/);
    expect(names[1]).toMatch(/^Somchai Jaidee ?出勤/);
    (one('check-in-close') as HTMLButtonElement).click();
    await settle(fixture);
    const close = backend.expectOne('/api/v1/sessions/s1/check-in/close');
    expect(close.request.method).toBe('POST');
    close.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    backend.expectOne('/api/v1/sessions/s1/check-in').flush({ ...opened(), open: false, closesAt: inMinutes(0) });
    await settle(fixture);
    expect(one('check-in-qr')).toBeNull();
    expect(text('check-in-closed')).toBe('签到已关闭。之前显示的签到码已失效。');
    expect(text('check-in-open')).toBe('重新开启签到');
    expect(text('check-in-total')).toBe('已签到 2 / 3 人');
    fixture.destroy();
  });

  it('refuses minutes out of range before sending, and shows the API’s words when it refuses to open', async () => {
    const { fixture, backend, one, text } = await render(closed());
    const minutes = one('check-in-minutes') as HTMLInputElement;
    minutes.value = '0';
    minutes.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect((one('check-in-open') as HTMLButtonElement).disabled).toBe(true);
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    minutes.value = '30';
    minutes.dispatchEvent(new Event('input'));
    await settle(fixture);
    (one('check-in-open') as HTMLButtonElement).click();
    await settle(fixture);
    const open = backend.expectOne('/api/v1/sessions/s1/check-in/open');
    expect(open.request.body).toEqual({ minutes: 30 });
    open.flush(
      {
        code: 'CHECK_IN_TOO_EARLY',
        status: 409,
        title: 'Too early for check-in',
        detail: 'Check-in can open at most 30 minutes before the session starts (Mon, Dec 7, 2026, 08:30 GMT+8).',
        type: 'about:blank',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(text('check-in-error')).toContain('(Mon, Dec 7, 2026, 08:30 GMT+8)');
    expect(one('check-in-qr')).toBeNull();
  });

  it('asks who checked in every few seconds and renews the code when it expires', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    fakeClock = true;
    try {
      const { fixture, backend, text } = await render(opened());
      backend.expectOne('/api/v1/sessions/s1/check-in/code').flush(CODE());
      await jest.advanceTimersByTimeAsync(3000);
      backend
        .expectOne('/api/v1/sessions/s1/check-in')
        .flush({ ...opened(), checkIns: [...opened().checkIns, { ...opened().checkIns[1], traineeId: 't3' }] });
      await jest.advanceTimersByTimeAsync(10);
      expect(text('check-in-count')).toBe('3 of 3 checked in');
      await jest.advanceTimersByTimeAsync(30_000);
      backend.match('/api/v1/sessions/s1/check-in').forEach((r) => r.flush(opened()));
      backend.expectOne('/api/v1/sessions/s1/check-in/code').flush({ ...CODE(), code: 'N3W5C6D7' });
      await jest.advanceTimersByTimeAsync(10);
      expect(text('check-in-code')).toBe('N3W5 C6D7');
      fixture.destroy();
    } finally {
      fakeClock = false;
      jest.useRealTimers();
    }
  });
});

describe('check-in screen helpers', () => {
  it('split the code in two and count down in minutes and seconds', () => {
    expect(spacedCode('K7M4QX9P')).toBe('K7M4 QX9P');
    expect(countdown(14 * 60_000 + 5_000)).toBe('14:05');
    expect(countdown(3_725_000)).toBe('1:02:05');
    expect(countdown(-5_000)).toBe('0:00');
  });
});
