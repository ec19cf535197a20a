import { ChangeDetectionStrategy, Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuthUser, PublicProgramDetail, SessionResponse } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { PendingEnrolment, PENDING_ENROLMENT_MS } from './pending-enrolment';
import { agendaSessions, PublicProgramPage } from './public-program.page';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

const PROGRAM: PublicProgramDetail = {
  id: 'p1',
  code: 'TRPC-CAMP-2031',
  kind: 'camp',
  title: { en: 'Cross-border e-commerce youth camp', th: 'ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน' },
  summary: { en: 'A week in Tongren.' },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2031-07-06',
  endDate: '2031-07-12',
  venue: 'Hall A',
  enrolmentClosesAt: '2031-06-30T15:59:00.000Z',
  hostInstitution: { id: 'h1', name: { en: 'Tongren Polytechnic College' } },
  seats: { capacity: 40, available: 12 },
  sessions: [
    {
      id: 's1',
      title: { en: 'Opening', th: 'พิธีเปิด' },
      type: 'ceremony',
      startsAt: '2031-07-06T01:00:00.000Z',
      endsAt: '2031-07-06T02:00:00.000Z',
      status: 'scheduled',
    },
    {
      id: 's2',
      title: { en: 'Company visit' },
      type: 'field-visit',
      startsAt: '2031-07-07T01:00:00.000Z',
      endsAt: '2031-07-07T04:00:00.000Z',
      status: 'cancelled',
    },
  ],
};

const trainee = (emailVerified: boolean): AuthUser => ({
  id: 'u1',
  email: 'malee@e2e.test',
  fullName: 'มาลี ศรีสุข',
  role: 'trainee',
  institutionId: null,
  preferredLocale: 'th',
  timeZone: 'Asia/Bangkok',
  disabled: false,
  createdAt: '2026-09-01T00:00:00Z',
  emailVerified,
  mfaEnabled: false,
  mfaSetupRequired: false,
});

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  fixture.detectChanges();
}

async function render(options: { user?: AuthUser; lang?: string; pending?: string } = {}) {
  TestBed.configureTestingModule({
    imports: [PublicProgramPage],
    providers: [
      provideRouter([
        { path: 'register', component: Blank },
        { path: 'sign-in', component: Blank },
      ]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestTranslations(),
    ],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  if (options.pending) TestBed.inject(PendingEnrolment).remember(options.pending);
  if (options.user) {
    const auth = TestBed.inject(AuthService);
    const refreshed = auth.refresh();
    const session: SessionResponse = { accessToken: 'token', expiresIn: 900, user: options.user };
    backend.expectOne('/api/v1/auth/refresh').flush(session);
    await refreshed;
  }
  const fixture = TestBed.createComponent(PublicProgramPage);
  fixture.componentRef.setInput('code', PROGRAM.code);
  if (options.lang) fixture.componentRef.setInput('lang', options.lang);
  fixture.detectChanges();
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const flushProgram = async () => {
    backend.expectOne(`/api/v1/public/programs/${PROGRAM.code}`).flush(PROGRAM);
    await settle(fixture);
  };
  return { fixture, backend, element, one, flushProgram, router: TestBed.inject(Router) };
}

describe('PublicProgramPage', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows a signed-out visitor the program, its agenda with the cancelled session marked, and "Register and enrol"', async () => {
    const { one, element, flushProgram } = await render();
    await flushProgram();
    expect(one('program-title')?.textContent).toContain('Cross-border e-commerce youth camp');
    expect(one('program-seats')?.textContent).toContain('12');
    expect(one('program-venue')?.textContent).toContain('Hall A');
    expect(element.querySelectorAll('[data-testid="agenda-session"]')).toHaveLength(2);
    expect(element.querySelectorAll('[data-testid="session-cancelled"]')).toHaveLength(1);
    expect(one('register-and-enrol')).not.toBeNull();
    expect(one('enrol')).toBeNull();
    expect(one('poster-link')?.getAttribute('href')).toBe(`/api/v1/public/programs/${PROGRAM.code}/poster.pdf?lang=en`);
  });

  it('remembers the program and goes to registration when the visitor presses "Register and enrol"', async () => {
    const { one, flushProgram, router, fixture } = await render();
    await flushProgram();
    one('register-and-enrol')?.click();
    await settle(fixture);
    expect(router.url).toBe('/register');
    expect(TestBed.inject(PendingEnrolment).code()).toBe(PROGRAM.code);
  });

  it('opens in the language the shared link names', async () => {
    const { flushProgram } = await render({ lang: 'th' });
    await flushProgram();
    expect(TestBed.inject(LanguageService).current()).toBe('th');
  });

  it('enrols a verified trainee back from registration at once, and forgets the pending program', async () => {
    const { backend, one, fixture, flushProgram } = await render({ user: trainee(true), pending: PROGRAM.code });
    await flushProgram();
    backend.expectOne((r) => r.url === '/api/v1/me/enrolments').flush({ items: [], nextCursor: null });
    await settle(fixture);
    const enrol = backend.expectOne('/api/v1/programs/p1/enrolments');
    expect(enrol.request.method).toBe('POST');
    enrol.flush({ id: 'e1', programId: 'p1', traineeId: 't1', status: 'confirmed', createdAt: '2026-12-07T00:00:00Z' });
    await settle(fixture);
    backend
      .expectOne(`/api/v1/public/programs/${PROGRAM.code}`)
      .flush({ ...PROGRAM, seats: { capacity: 40, available: 11 } });
    backend
      .expectOne((r) => r.url === '/api/v1/me/enrolments')
      .flush({
        items: [{ id: 'e1', programId: 'p1', traineeId: 't1', status: 'confirmed', createdAt: '2026-12-07T00:00:00Z' }],
        nextCursor: null,
      });
    await settle(fixture);
    expect(one('enrolment-status')?.getAttribute('data-status')).toBe('confirmed');
    expect(one('program-seats')?.textContent).toContain('11');
    expect(TestBed.inject(PendingEnrolment).code()).toBeNull();
  });

  it('asks an unverified trainee to confirm the address first, and does not try to enrol', async () => {
    const { backend, one, fixture, flushProgram } = await render({ user: trainee(false), pending: PROGRAM.code });
    await flushProgram();
    backend.expectOne((r) => r.url === '/api/v1/me/enrolments').flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(one('enrol-verify-first')?.textContent).toContain('malee@e2e.test');
    expect(one('enrol')).toBeNull();
    expect(TestBed.inject(PendingEnrolment).code()).toBe(PROGRAM.code);
  });

  it('loads the other program when a link leads from one program page to another', async () => {
    const { backend, one, fixture, flushProgram } = await render();
    await flushProgram();
    fixture.componentRef.setInput('code', 'OTHER-CAMP');
    fixture.detectChanges();
    await settle(fixture);
    backend
      .expectOne('/api/v1/public/programs/OTHER-CAMP')
      .flush({ ...PROGRAM, id: 'p2', code: 'OTHER-CAMP', title: { en: 'Another camp' } });
    await settle(fixture);
    expect(one('program-title')?.textContent).toContain('Another camp');
  });

  it('says so for a code that names no public program', async () => {
    const { backend, one, fixture } = await render();
    backend
      .expectOne(`/api/v1/public/programs/${PROGRAM.code}`)
      .flush({ status: 404, code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(one('public-program-not-found')).not.toBeNull();
  });
});

describe('agendaSessions', () => {
  it('gives the agenda sessions without instructors or meeting links', () => {
    const sessions = agendaSessions(PROGRAM);
    expect(sessions.map((s) => [s.id, s.status, s.instructors.length, s.meetingUrl])).toEqual([
      ['s1', 'scheduled', 0, undefined],
      ['s2', 'cancelled', 0, undefined],
    ]);
  });
});

describe('PendingEnrolment', () => {
  beforeEach(() => localStorage.clear());

  it('keeps a program for a week, then forgets it', () => {
    TestBed.configureTestingModule({});
    const pending = TestBed.inject(PendingEnrolment);
    const now = Date.parse('2026-12-07T08:00:00Z');
    pending.remember('CAMP 1/2', now);
    expect(pending.code(now + 1000)).toBe('CAMP 1/2');
    expect(pending.path(now + 1000)).toBe('/p/CAMP%201%2F2');
    expect(pending.code(now + PENDING_ENROLMENT_MS + 1)).toBeNull();
    // Forgotten for good, not only hidden.
    expect(pending.code(now)).toBeNull();
  });

  it('ignores what it did not write', () => {
    TestBed.configureTestingModule({});
    localStorage.setItem('sb.pendingEnrolment', '{not json');
    expect(TestBed.inject(PendingEnrolment).code()).toBeNull();
    localStorage.setItem('sb.pendingEnrolment', JSON.stringify({ code: 7, at: Date.now() }));
    expect(TestBed.inject(PendingEnrolment).code()).toBeNull();
  });
});
