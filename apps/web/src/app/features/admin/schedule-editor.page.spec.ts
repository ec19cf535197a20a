import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { FormGroup } from '@angular/forms';
import { provideRouter } from '@angular/router';
import type { Instructor, Program, Session } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { followStartDate, ScheduleEditorPage, sessionInstants } from './schedule-editor.page';

const PROGRAM = {
  id: 'p1',
  code: 'TRPC-TH-2025',
  kind: 'course',
  title: { en: 'Chinese language and culture' },
  deliveryMode: 'online',
  timezone: 'Asia/Shanghai',
  startDate: '2025-03-04',
  endDate: '2025-03-06',
  capacity: 300,
  hostInstitutionId: 'h1',
  partnerInstitutionIds: [],
  completionRule: { minAttendanceRate: 0.75 },
  status: 'draft',
} as unknown as Program;
const WANG = { id: 'i1', fullName: '王芳', institutionId: 'h1', expertise: [], languages: ['zh'] } as Instructor;

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

const SESSION: Session = {
  id: 's1',
  programId: 'p1',
  title: { en: 'Tea culture' },
  type: 'lecture',
  startsAt: '2025-03-05T01:00:00.000Z',
  endsAt: '2025-03-05T03:00:00.000Z',
  instructorIds: [],
  instructors: [],
  status: 'scheduled',
};

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

async function render(sessions: Session[] = []) {
  TestBed.configureTestingModule({
    imports: [ScheduleEditorPage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ScheduleEditorPage);
  fixture.componentRef.setInput('id', 'p1');
  fixture.detectChanges();
  backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
  backend.expectOne('/api/v1/programs/p1/sessions').flush(sessions);
  backend.expectOne((r) => r.url === '/api/v1/instructors').flush({ items: [WANG], nextCursor: null });
  await settle(fixture);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  // The form's controls, not its inputs: the date and time widgets may change, the logic under test does not.
  const form = (fixture.componentInstance as unknown as { form: FormGroup }).form;
  const save = async () => {
    (element.querySelector('[data-testid="session-save"]') as HTMLButtonElement).click();
    await settle(fixture);
    fixture.detectChanges();
  };
  const fieldErrors = () =>
    [...element.querySelectorAll('[data-testid="field-error"]')].map((e) => e.textContent?.trim());
  return { fixture, backend, element, form, save, fieldErrors };
}

describe('ScheduleEditorPage: after a clash', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends the session again once it is moved to a free slot, without ticking the instructor again', async () => {
    const { fixture, backend, element, form, save } = await render();
    form.patchValue({ title: { en: 'Extra tea tasting' }, date: '2025-03-05', from: '10:00', to: '12:00' });
    (element.querySelector('[data-testid="session-instructor"]') as HTMLInputElement).click();
    await save();
    backend.expectOne({ method: 'POST', url: '/api/v1/programs/p1/sessions' }).flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'SESSION_CLASH',
        detail: '王芳 already teaches Tea culture at that time (5 Mar 2025, 09:00).',
        errors: [{ field: 'instructorIds', code: 'SESSION_CLASH', message: '王芳 already teaches Tea culture' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="session-error"]')?.textContent).toContain('王芳');

    // Moved to the afternoon: Save must reach the API.
    form.patchValue({ from: '14:00', to: '16:00' });
    await save();
    const retry = backend.expectOne({ method: 'POST', url: '/api/v1/programs/p1/sessions' });
    expect(retry.request.body).toMatchObject({ instructorIds: ['i1'], startsAt: '2025-03-05T06:00:00.000Z' });
    retry.flush({
      id: 's1',
      programId: 'p1',
      title: { en: 'Extra tea tasting' },
      type: 'lecture',
      startsAt: '2025-03-05T06:00:00.000Z',
      endsAt: '2025-03-05T08:00:00.000Z',
      instructorIds: ['i1'],
      status: 'scheduled',
    } as Session);
  });

  it('says so beside the end time when the session ends before it starts, and sends nothing', async () => {
    const { backend, form, save, fieldErrors } = await render();
    form.patchValue({ title: { en: 'Backwards' }, from: '11:00', to: '09:00' });
    await save();
    backend.expectNone({ method: 'POST' });
    expect(fieldErrors()).toContain('The session must end after it starts.');

    // A later start makes a valid end invalid too; an earlier one clears it.
    form.patchValue({ from: '08:00' });
    expect(form.get('to')?.errors).toBeNull();
    form.patchValue({ from: '09:30' });
    expect(form.get('to')?.errors).toEqual({ endsBeforeStart: expect.anything() });
  });
});

describe('ScheduleEditorPage: sessions past midnight', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends 22:00 → 01:30 the next day as one session, the end on the end day', async () => {
    const { backend, form, save, fieldErrors } = await render();
    form.patchValue({ title: { en: 'Night market visit' }, date: '2025-03-05' });
    form.patchValue({ endDate: '2025-03-06', from: '22:00', to: '01:30' });
    expect(form.get('to')?.errors).toBeNull();
    await save();
    expect(fieldErrors()).toEqual([]);
    const post = backend.expectOne({ method: 'POST', url: '/api/v1/programs/p1/sessions' });
    // Shanghai is UTC+8: 22:00 on 5 March is 14:00Z, 01:30 on 6 March is 17:30Z on the 5th.
    expect(post.request.body).toMatchObject({
      startsAt: '2025-03-05T14:00:00.000Z',
      endsAt: '2025-03-05T17:30:00.000Z',
    });
    post.flush({ ...SESSION, startsAt: '2025-03-05T14:00:00.000Z', endsAt: '2025-03-05T17:30:00.000Z' });
  });

  it('compares day and time: 01:30 on the start day is before 22:00, and a later end day clears it', async () => {
    const { backend, form, save, fieldErrors } = await render();
    form.patchValue({ title: { en: 'Night market visit' }, date: '2025-03-05', from: '22:00', to: '01:30' });
    expect(form.get('endDate')?.value).toBe('2025-03-05');
    await save();
    backend.expectNone({ method: 'POST' });
    expect(fieldErrors()).toContain('The session must end after it starts.');
    form.patchValue({ endDate: '2025-03-06' });
    expect(form.get('to')?.errors).toBeNull();
  });

  it('moves the end day with the start day, keeping a session past midnight one night long', async () => {
    const { form, element, fixture } = await render();
    form.patchValue({ date: '2025-03-04' });
    form.patchValue({ endDate: '2025-03-05', from: '22:00', to: '01:30' });
    form.patchValue({ date: '2025-03-05' });
    expect(form.get('endDate')?.value).toBe('2025-03-06');
    fixture.detectChanges();
    // Only days from the start day on can end it.
    const options = [...element.querySelectorAll('[data-testid="session-end-date"] option')].map((o) =>
      o.getAttribute('value'),
    );
    expect(options).toEqual(['2025-03-05', '2025-03-06']);
  });

  it('opens a session past midnight with both its days in the form', async () => {
    const night = { ...SESSION, startsAt: '2025-03-05T14:00:00.000Z', endsAt: '2025-03-05T17:30:00.000Z' };
    const { backend, element, fixture, form } = await render([night]);
    (element.querySelector('[data-testid="edit-session"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(form.getRawValue()).toMatchObject({ date: '2025-03-05', endDate: '2025-03-06', from: '22:00', to: '01:30' });
    backend.expectNone({ method: 'PATCH' });
  });
});

describe('ScheduleEditorPage: cancelling a session', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const problem = (status: number, code: string, errors?: unknown[]) => ({
    type: 'about:blank',
    title: code,
    status,
    code,
    detail: code,
    ...(errors ? { errors } : {}),
  });

  it('offers to cancel when removing answers that attendance was taken, needs a reason, and strikes it through', async () => {
    const { backend, element, fixture } = await render([SESSION]);
    (element.querySelector('[data-testid="delete-session"]') as HTMLButtonElement).click();
    backend
      .expectOne({ method: 'DELETE', url: '/api/v1/sessions/s1' })
      .flush(problem(409, 'SESSION_HAS_ATTENDANCE'), { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    fixture.detectChanges();
    const dialog = element.querySelector('[data-testid="cancel-session-dialog"]') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(element.querySelector('[data-testid="cancel-session-instead"]')?.textContent).toContain(
      'Attendance was taken',
    );
    // Still in the agenda: nothing was removed.
    expect(element.querySelectorAll('[data-testid="agenda-session"]')).toHaveLength(1);

    const confirm = async () => {
      (element.querySelector('[data-testid="cancel-session-confirm"]') as HTMLButtonElement).click();
      await settle(fixture);
      fixture.detectChanges();
    };
    await confirm();
    backend.expectNone({ method: 'POST' });
    expect(dialog.querySelector('[data-testid="field-error"]')?.textContent?.trim()).toBe('Please fill this in.');

    const reason = element.querySelector('[data-testid="cancel-session-reason"]') as HTMLTextAreaElement;
    reason.value = '  The guest lecturer’s flight was cancelled ';
    reason.dispatchEvent(new Event('input'));
    await confirm();
    const post = backend.expectOne({ method: 'POST', url: '/api/v1/sessions/s1/cancel' });
    expect(post.request.body).toEqual({ reason: 'The guest lecturer’s flight was cancelled' });
    post.flush({ ...SESSION, status: 'cancelled', cancelledReason: 'The guest lecturer’s flight was cancelled' });
    await settle(fixture);
    fixture.detectChanges();

    expect(dialog.open).toBe(false);
    const title = element.querySelector('[data-testid="session-title"]') as HTMLElement;
    expect(title.classList).toContain('session-struck');
    expect(element.querySelector('[data-testid="session-time"]')?.classList).toContain('session-struck');
    expect(element.querySelector('[data-testid="session-cancelled"]')?.textContent?.trim()).toBe('Cancelled');
    expect(element.querySelector('[data-testid="session-cancelled-reason"]')?.textContent).toContain(
      'The guest lecturer’s flight was cancelled',
    );
    // Final: neither edited nor cancelled again.
    expect(element.querySelector('[data-testid="edit-session"]')).toBeNull();
    expect(element.querySelector('[data-testid="cancel-session"]')).toBeNull();
  });

  it('shows the API’s words about the reason under the field', async () => {
    const { backend, element, fixture } = await render([SESSION]);
    (element.querySelector('[data-testid="cancel-session"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="cancel-session-instead"]')).toBeNull();
    const reason = element.querySelector('[data-testid="cancel-session-reason"]') as HTMLTextAreaElement;
    reason.value = 'Typhoon';
    reason.dispatchEvent(new Event('input'));
    (element.querySelector('[data-testid="cancel-session-confirm"]') as HTMLButtonElement).click();
    await settle(fixture);
    backend
      .expectOne({ method: 'POST', url: '/api/v1/sessions/s1/cancel' })
      .flush(
        problem(400, 'VALIDATION_FAILED', [
          { field: 'reason', code: 'maxLength', message: 'The reason is too long (from the API).' },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await settle(fixture);
    fixture.detectChanges();
    const dialog = element.querySelector('[data-testid="cancel-session-dialog"]') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector('[data-testid="field-error"]')?.textContent?.trim()).toBe(
      'The reason is too long (from the API).',
    );
  });
});

describe('the end day of a session', () => {
  it('keeps the length in days when the start day moves, within the last day', () => {
    expect(followStartDate('2025-03-04', '2025-03-05', '2025-03-05', '2025-03-06')).toBe('2025-03-06');
    expect(followStartDate('2025-03-04', '2025-03-04', '2025-03-06', '2025-03-06')).toBe('2025-03-06');
    expect(followStartDate('2025-03-04', '2025-03-05', '2025-03-06', '2025-03-06')).toBe('2025-03-06');
    expect(followStartDate('', '2025-03-09', '2025-03-04', '2025-03-06')).toBe('2025-03-04');
    expect(
      sessionInstants({ date: '2025-03-05', endDate: '2025-03-06', from: '22:00', to: '01:30' }, 'Asia/Bangkok'),
    ).toEqual({ startsAt: '2025-03-05T15:00:00.000Z', endsAt: '2025-03-05T18:30:00.000Z' });
  });
});
