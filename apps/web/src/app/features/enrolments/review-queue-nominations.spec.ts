import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthUser, EnrolmentQueueEntry, Program, Role } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { ReviewQueuePage } from './review-queue.page';

const entry = (id: string, fullName: string, programId = 'camp', status = 'nominated'): EnrolmentQueueEntry =>
  ({
    id,
    programId,
    traineeId: `t-${id}`,
    status,
    createdAt: '2027-05-20T03:00:00Z',
    fullName,
    email: `${id}@rmutt.test`,
    nationality: 'TH',
    institutionId: 'rmutt',
    institutionCode: 'RMUTT',
    programCode: programId.toUpperCase(),
    programTitle: { en: programId === 'camp' ? 'E-commerce camp' : 'Online course' },
  }) as EnrolmentQueueEntry;
const PROGRAMS = [
  { id: 'camp', code: 'CAMP', title: { en: 'E-commerce camp' }, hostReview: true },
  { id: 'course', code: 'COURSE', title: { en: 'Online course' }, hostReview: false },
] as Program[];

// jsdom has <dialog> but not its modal methods.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

async function render(role: Role, queue: 'applications' | 'nominations', items: EnrolmentQueueEntry[]) {
  TestBed.configureTestingModule({
    imports: [ReviewQueuePage],
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
  const fixture = TestBed.createComponent(ReviewQueuePage);
  fixture.componentRef.setInput('queue', queue);
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/programs').flush({ items: PROGRAMS, nextCursor: null });
  const list = backend.expectOne((r) => r.url === '/api/v1/enrolments');
  const asked = list.request.params.get('status');
  list.flush({ items, nextCursor: null });
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  await settle();
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => all(id)[0];
  const text = (e: Element | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const tick = (box: HTMLElement) => {
    (box as HTMLInputElement).checked = !(box as HTMLInputElement).checked;
    box.dispatchEvent(new Event('change'));
  };
  return { fixture, backend, element, all, one, text, tick, settle, asked };
}

describe('ReviewQueuePage: nominations (admins)', () => {
  // A whole page with its requests: more than jest's 5 s when other builds share the machine.
  jest.setTimeout(30_000);
  afterEach(() => TestBed.inject(HttpTestingController).verify());
  const NOMINATED = [entry('a', 'สมศรี มีสุข'), entry('b', 'อนันต์ ใจงาม'), entry('c', 'วิภา ศรีสุข')];

  it('lists the nominated people with Accept and Decline, the Nominations tab current', async () => {
    const { all, one, text, asked } = await render('admin', 'nominations', NOMINATED);
    expect(asked).toBe('nominated');
    expect(text(one('tab-nominations'))).toBe('Nominations');
    expect(one('tab-nominations').getAttribute('aria-current')).toBe('page');
    expect(one('tab-applications').getAttribute('aria-current')).toBeNull();
    expect(all('queue-row')).toHaveLength(3);
    expect(text(one('approve-one'))).toBe('Accept');
    expect(text(one('reject-one'))).toBe('Decline');
    expect(text(one('approve-selected'))).toBe('Accept selected');
  });

  it('accepts one nomination, which leaves the list', async () => {
    const { backend, all, one, text, settle } = await render('admin', 'nominations', NOMINATED);
    all('approve-one')[1].click();
    const request = backend.expectOne('/api/v1/enrolments/b/accept');
    expect(request.request.method).toBe('POST');
    request.flush({ ...NOMINATED[1], status: 'confirmed' });
    await settle();
    expect(all('queue-name').map((e) => text(e))).toEqual(['สมศรี มีสุข', 'วิภา ศรีสุข']);
    expect(text(one('queue-notice'))).toBe(
      "Accepted. Confirmed: 1; wait-listed because the partner's quota or the program is full: 0.",
    );
  });

  it('accepts the ticked nominations in one all-or-none request', async () => {
    const { fixture, backend, all, one, text, tick, settle } = await render('admin', 'nominations', NOMINATED);
    tick(all('select-row')[0]);
    tick(all('select-row')[2]);
    await fixture.whenStable();
    one('approve-selected').click();
    const request = backend.expectOne('/api/v1/enrolments/decisions');
    expect(request.request.body).toEqual({ action: 'accept', enrolmentIds: ['a', 'c'] });
    request.flush({
      items: [
        { ...NOMINATED[0], status: 'confirmed' },
        { ...NOMINATED[2], status: 'waitlisted' },
      ],
    });
    await settle();
    expect(all('queue-name').map((e) => text(e))).toEqual(['อนันต์ ใจงาม']);
    expect(text(one('queue-notice'))).toContain('Confirmed: 1');
    expect(text(one('queue-notice'))).toContain('is full: 1');
  });

  it('declines the ticked nominations with the reason asked in the shared dialog', async () => {
    const { fixture, backend, element, all, one, text, tick, settle } = await render('admin', 'nominations', NOMINATED);
    tick(one('select-all'));
    await fixture.whenStable();
    one('reject-selected').click();
    await settle();
    expect(text(element.querySelector('dialog h2') ?? undefined)).toBe('Decline the selected nominations (3)?');
    const submit = () => element.querySelector('dialog form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    submit(); // declining needs a reason
    await fixture.whenStable();
    backend.expectNone('/api/v1/enrolments/decisions');
    const reason = one('reason-input') as HTMLTextAreaElement;
    reason.value = 'The camp takes students of the second year only.';
    reason.dispatchEvent(new Event('input'));
    submit();
    const request = backend.expectOne('/api/v1/enrolments/decisions');
    expect(request.request.body).toEqual({
      action: 'reject',
      enrolmentIds: ['a', 'b', 'c'],
      reason: 'The camp takes students of the second year only.',
    });
    request.flush({ items: NOMINATED.map((n) => ({ ...n, status: 'rejected' })) });
    await settle();
    expect(all('queue-row')).toHaveLength(0);
    expect(text(one('queue-notice'))).toBe(
      'Declined: 3. The trainees and their partner institutions will see your reason.',
    );
    expect(text(one('queue-empty'))).toContain('No nominations are waiting.');
  });

  it('keeps the ticks when a bulk acceptance fails, since nothing changed', async () => {
    const { fixture, backend, all, one, text, tick, settle } = await render('admin', 'nominations', NOMINATED);
    tick(one('select-all'));
    await fixture.whenStable();
    one('approve-selected').click();
    backend
      .expectOne('/api/v1/enrolments/decisions')
      .flush(
        { type: '', title: '', status: 409, detail: '', code: 'INVALID_TRANSITION' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(all('queue-row')).toHaveLength(3);
    expect(text(one('selected-count'))).toBe('Selected: 3');
    expect(text(one('queue-error'))).toBe('That change of status is not possible now.');
  });
});

describe('ReviewQueuePage: a partner nominates where the host reviews', () => {
  // A whole page with its requests: more than jest's 5 s when other builds share the machine.
  jest.setTimeout(30_000);
  afterEach(() => TestBed.inject(HttpTestingController).verify());
  const PENDING = [entry('a', 'สมศรี มีสุข', 'camp', 'pending'), entry('b', 'อนันต์ ใจงาม', 'course', 'pending')];

  it('says Nominate on programs with host review and Approve elsewhere', async () => {
    const { fixture, all, one, text, tick, asked } = await render('partner', 'applications', PENDING);
    expect(asked).toBe('pending');
    expect(all('review-tabs')).toHaveLength(0);
    expect(all('approve-one').map((b) => text(b))).toEqual(['Nominate', 'Approve']);
    expect(all('queue-host-reviews')).toHaveLength(1);
    expect(text(one('queue-host-review-hint'))).toContain('approving nominates the trainee');
    tick(all('select-row')[0]);
    await fixture.whenStable();
    expect(text(one('approve-selected'))).toBe('Nominate selected');
    tick(all('select-row')[1]);
    await fixture.whenStable();
    expect(text(one('approve-selected'))).toBe('Approve selected');
  });

  it('nominates through the approval, and says the organisers decide next', async () => {
    const { backend, all, one, text, settle } = await render('partner', 'applications', PENDING);
    all('approve-one')[0].click();
    backend.expectOne('/api/v1/enrolments/a/approve').flush({ ...PENDING[0], status: 'nominated' });
    await settle();
    expect(all('queue-row')).toHaveLength(1);
    expect(text(one('queue-notice'))).toBe('Nominated to the organisers: 1. They decide next.');
  });
});
