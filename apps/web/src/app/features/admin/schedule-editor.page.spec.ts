import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { FormGroup } from '@angular/forms';
import { provideRouter } from '@angular/router';
import type { Instructor, Program, Session } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ScheduleEditorPage } from './schedule-editor.page';

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

async function render() {
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
  backend.expectOne('/api/v1/programs/p1/sessions').flush([]);
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
