import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthUser, Program, Role, RosterEntry } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { RosterPage } from './roster.page';

const PROGRAM = {
  id: 'p1',
  code: 'CAMP',
  kind: 'camp',
  title: { en: 'E-commerce camp' },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2027-07-05',
  endDate: '2027-07-11',
  capacity: 20,
  hostInstitutionId: 'h1',
  partnerInstitutionIds: ['rmutt'],
  status: 'published',
  seats: { capacity: 20, available: 20, scope: 'program', confirmed: 0, waitlisted: 0, pending: 1, nominated: 1 },
  partnerQuotas: [{ institutionId: 'rmutt', seats: 5 }],
  hostReview: true,
} as unknown as Program;
const row = (id: string, status: string): RosterEntry =>
  ({
    id,
    programId: 'p1',
    traineeId: `t-${id}`,
    status,
    createdAt: '2027-05-20T03:00:00Z',
    fullName: `Trainee ${id}`,
    email: `${id}@rmutt.test`,
    nationality: 'TH',
    institutionId: 'rmutt',
  }) as RosterEntry;

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

async function render(role: Role, entries: RosterEntry[]) {
  TestBed.configureTestingModule({
    imports: [RosterPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const user = {
    id: 'u1',
    email: `${role}@skillbridge.test`,
    fullName: role,
    role,
    ...(role === 'partner' ? { institutionId: 'rmutt' } : {}),
    preferredLocale: 'en',
    timeZone: 'Asia/Shanghai',
    disabled: false,
    createdAt: '2027-01-01T00:00:00Z',
    emailVerified: true,
    mfaEnabled: true,
    mfaSetupRequired: false,
  } as AuthUser;
  const login = TestBed.inject(AuthService).login({ email: user.email, password: 'x' });
  backend.expectOne('/api/v1/auth/login').flush({ accessToken: 't', expiresIn: 900, user });
  await login;
  await TestBed.inject(LanguageService).use('en');
  const fixture = TestBed.createComponent(RosterPage);
  fixture.componentRef.setInput('id', 'p1');
  fixture.detectChanges();
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const answer = async (items: RosterEntry[]) => {
    backend.expectOne((r) => r.url === '/api/v1/programs/p1/enrolments').flush({ items, nextCursor: null });
    backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
    // Until the rows are drawn (a busy machine takes a few turns of the event loop).
    for (let i = 0; i < 20; i++) {
      await settle();
      const drawn = fixture.nativeElement.querySelectorAll('[data-testid="roster-row"]').length;
      if (drawn === items.length) break;
    }
  };
  backend.match((r) => r.url === '/api/v1/programs').forEach((r) => r.flush({ items: [PROGRAM], nextCursor: null }));
  backend.match((r) => r.url === '/api/v1/institutions').forEach((r) => r.flush({ items: [], nextCursor: null }));
  await answer(entries);
  const element = fixture.nativeElement as HTMLElement;
  const rowOf = (id: string) =>
    element.querySelector<HTMLElement>(`[data-testid="roster-row"][data-email="${id}@rmutt.test"]`)!;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  return { fixture, backend, element, rowOf, text, settle, answer };
}

describe('RosterPage: nominations', () => {
  // The roster page asks for five things before it draws a row: more than jest's 5 s on a busy machine.
  jest.setTimeout(30_000);
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lets the office accept a nominated trainee and reads the roster and the seats back', async () => {
    const { backend, rowOf, text, answer } = await render('admin', [row('a', 'nominated'), row('b', 'pending')]);
    expect(text(rowOf('a').querySelector('[data-testid="enrolment-status"]'))).toBe('Nominated, awaiting the host');
    expect(text(rowOf('a').querySelector('[data-testid="roster-accept"]'))).toBe('Accept');
    expect(text(rowOf('a').querySelector('[data-testid="roster-reject"]'))).toBe('Decline');
    expect(rowOf('a').querySelector('[data-testid="roster-approve"]')).toBeNull();
    // An admin's own approval of an application is no nomination.
    expect(text(rowOf('b').querySelector('[data-testid="roster-approve"]'))).toBe('Approve');
    expect(rowOf('b').querySelector('[data-testid="roster-accept"]')).toBeNull();

    rowOf('a').querySelector<HTMLElement>('[data-testid="roster-accept"]')!.click();
    backend.expectOne('/api/v1/enrolments/a/accept').flush({ ...row('a', 'confirmed') });
    await new Promise((resolve) => setTimeout(resolve));
    await answer([row('a', 'confirmed'), row('b', 'pending')]);
    expect(rowOf('a').getAttribute('data-status')).toBe('confirmed');
    expect(rowOf('a').querySelector('[data-testid="roster-accept"]')).toBeNull();
  });

  it('asks the reason for declining a nomination in the shared dialog', async () => {
    const { backend, element, rowOf, text, settle, answer } = await render('admin', [row('a', 'nominated')]);
    rowOf('a').querySelector<HTMLElement>('[data-testid="roster-reject"]')!.click();
    await settle();
    expect(text(element.querySelector('dialog h2'))).toBe('Decline the nomination of Trainee a?');
    const reason = element.querySelector<HTMLTextAreaElement>('[data-testid="reason-input"]')!;
    reason.value = 'Second-year students only.';
    reason.dispatchEvent(new Event('input'));
    element.querySelector('dialog form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    const request = backend.expectOne('/api/v1/enrolments/a/reject');
    expect(request.request.body).toEqual({ reason: 'Second-year students only.' });
    request.flush(row('a', 'rejected'));
    await new Promise((resolve) => setTimeout(resolve));
    await answer([row('a', 'rejected')]);
    expect(rowOf('a').getAttribute('data-status')).toBe('rejected');
  });

  it('says Nominate to a partner on a program whose host reviews each person, and offers no Accept', async () => {
    const { rowOf, text } = await render('partner', [row('a', 'nominated'), row('b', 'pending')]);
    expect(text(rowOf('b').querySelector('[data-testid="roster-approve"]'))).toBe('Nominate');
    expect(rowOf('a').querySelector('[data-testid="roster-accept"]')).toBeNull();
    expect(rowOf('a').querySelector('[data-testid="roster-reject"]')).toBeNull();
  });
});
