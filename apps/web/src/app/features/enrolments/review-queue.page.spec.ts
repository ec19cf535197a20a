import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { EnrolmentQueueEntry } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ReviewQueuePage } from './review-queue.page';

const entry = (id: string, fullName: string): EnrolmentQueueEntry => ({
  id,
  programId: 'p1',
  traineeId: `t-${id}`,
  status: 'pending',
  createdAt: '2025-02-20T03:00:00Z',
  fullName,
  email: `${id}@rmutt.test`,
  nationality: 'TH',
  institutionId: 'rmutt',
  programCode: 'TRPC-TH-2025',
  programTitle: { en: 'Chinese Language and Culture' },
});
const QUEUE = [entry('a', 'สมศรี มีสุข'), entry('b', 'อนันต์ ใจงาม'), entry('c', 'วิภา ศรีสุข')];

// jsdom has <dialog> but not its modal methods.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close'))); // queued, as browsers do
  };
});

async function render() {
  TestBed.configureTestingModule({
    imports: [ReviewQueuePage],
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use('en');
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ReviewQueuePage);
  fixture.detectChanges();
  backend.expectOne((r) => r.url === '/api/v1/programs').flush({ items: [], nextCursor: null });
  const queue = backend.expectOne((r) => r.url === '/api/v1/enrolments');
  expect(queue.request.params.get('status')).toBe('pending');
  queue.flush({ items: QUEUE, nextCursor: null });
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`) as HTMLElement;
  const tick = (box: HTMLElement) => {
    (box as HTMLInputElement).checked = !(box as HTMLInputElement).checked;
    box.dispatchEvent(new Event('change'));
  };
  return { fixture, backend, element, all, one, tick };
}

describe('ReviewQueuePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('approves the ticked applications in one all-or-none request and drops them from the queue', async () => {
    const { fixture, backend, all, one, tick } = await render();
    expect(all('queue-row')).toHaveLength(3);
    expect((one('approve-selected') as HTMLButtonElement).disabled).toBe(true);

    tick(all('select-row')[0]);
    tick(all('select-row')[2]);
    await fixture.whenStable();
    expect(one('selected-count').textContent?.trim()).toBe('Selected: 2');
    expect((one('select-all') as HTMLInputElement).indeterminate).toBe(true);

    one('approve-selected').click();
    const request = backend.expectOne('/api/v1/enrolments/decisions');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ action: 'approve', enrolmentIds: ['a', 'c'] });
    request.flush({
      items: [
        { ...QUEUE[0], status: 'confirmed' },
        { ...QUEUE[2], status: 'waitlisted' },
      ],
    });
    await fixture.whenStable();

    expect(all('queue-name').map((e) => e.textContent?.trim())).toEqual(['อนันต์ ใจงาม']);
    expect(one('selected-count').textContent?.trim()).toBe('Selected: 0');
    expect(one('queue-notice').textContent).toContain('Confirmed: 1; wait-listed because the program is full: 1');
  });

  it('keeps the ticks when a bulk decision fails, since nothing changed', async () => {
    const { fixture, backend, all, one, tick } = await render();
    tick(one('select-all'));
    await fixture.whenStable();
    expect(all('select-row').every((box) => (box as HTMLInputElement).checked)).toBe(true);

    one('approve-selected').click();
    backend
      .expectOne('/api/v1/enrolments/decisions')
      .flush(
        { type: '', title: '', status: 409, detail: '', code: 'INVALID_TRANSITION' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(all('queue-row')).toHaveLength(3);
    expect(one('selected-count').textContent?.trim()).toBe('Selected: 3');
    expect(one('queue-error').textContent?.trim()).toBe('That change of status is not possible now.');
  });

  it('rejects one application with the reason typed in the dialog', async () => {
    const { fixture, backend, element, all, one } = await render();
    all('reject-one')[1].click();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    // jsdom cannot submit a form from its button; send the submit event the button would.
    const submit = () => element.querySelector('dialog form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    submit(); // a rejection needs a reason
    await fixture.whenStable();
    backend.expectNone('/api/v1/enrolments/b/reject');
    expect(one('field-error').textContent?.trim()).toBe('Please fill this in.');

    const reason = one('reason-input') as HTMLTextAreaElement;
    reason.value = '  Please finish the language test first.  ';
    reason.dispatchEvent(new Event('input'));
    submit();
    const request = backend.expectOne('/api/v1/enrolments/b/reject');
    expect(request.request.body).toEqual({ reason: 'Please finish the language test first.' });
    request.flush({ ...QUEUE[1], status: 'rejected', reason: 'Please finish the language test first.' });
    await fixture.whenStable();
    expect(all('queue-name').map((e) => e.textContent?.trim())).toEqual(['สมศรี มีสุข', 'วิภา ศรีสุข']);
    expect(one('queue-notice').textContent).toContain('Rejected: 1');
  });
});
