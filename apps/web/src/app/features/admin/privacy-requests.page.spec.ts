import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PrivacyRequest } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { isOverdue, PrivacyRequestsPage } from './privacy-requests.page';

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

const request = (overrides: Partial<PrivacyRequest>): PrivacyRequest => ({
  id: 'r1',
  userId: 'u1',
  traineeId: 't1',
  email: 'siti@um.test',
  kind: 'erasure',
  keepCertificatesVerifiable: true,
  requestedAt: '2026-11-01T10:00:00.000Z',
  requestedBy: 'self',
  dueAt: '2026-12-01T10:00:00.000Z',
  status: 'pending',
  decidedAt: null,
  refusalReason: null,
  ...overrides,
});

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('isOverdue', () => {
  it('is true for an open request past its due date only', () => {
    const now = Date.parse('2026-12-07T00:00:00Z');
    expect(isOverdue({ status: 'pending', dueAt: '2026-12-01T00:00:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'pending', dueAt: '2027-01-01T00:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'refused', dueAt: '2026-12-01T00:00:00Z' }, now)).toBe(false);
  });
});

describe('PrivacyRequestsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render() {
    TestBed.configureTestingModule({
      imports: [PrivacyRequestsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).use('en');
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PrivacyRequestsPage);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const all = (id: string) => [...element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
    return { fixture, backend, element, all };
  }

  it('lists the waiting requests, the overdue one highlighted, and filters by status', async () => {
    const { fixture, backend, element, all } = await render();
    backend
      .expectOne((r) => r.url === '/api/v1/privacy/requests' && r.params.get('status') === 'pending')
      .flush({
        items: [request({}), request({ id: 'r2', email: 'ana@um.test', dueAt: '2099-01-01T00:00:00.000Z' })],
        nextCursor: null,
      });
    await settle(fixture);
    const rows = all('privacy-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].classList).toContain('overdue');
    expect(rows[0].textContent).toContain('Overdue');
    expect(rows[1].classList).not.toContain('overdue');
    expect(rows[0].textContent).toContain('Dec 1, 2026');

    const select = element.querySelector('#privacy-status') as HTMLSelectElement;
    select.value = 'refused';
    select.dispatchEvent(new Event('change'));
    backend
      .expectOne((r) => r.url === '/api/v1/privacy/requests' && r.params.get('status') === 'refused')
      .flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(all('privacy-row')).toHaveLength(0);
  });

  it('completes after a confirmation that says it cannot be undone', async () => {
    const { fixture, backend, element, all } = await render();
    backend.expectOne((r) => r.url === '/api/v1/privacy/requests').flush({ items: [request({})], nextCursor: null });
    await settle(fixture);
    all('privacy-complete')[0].click();
    fixture.detectChanges();
    const dialog = element.querySelector('#privacy-complete-dialog dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain('cannot be undone');
    expect(dialog.textContent).toContain('siti@um.test');
    (dialog.querySelector('[data-testid="confirm-yes"]') as HTMLElement).click();
    backend
      .expectOne((r) => r.method === 'POST' && r.url === '/api/v1/privacy/requests/r1/complete')
      .flush(request({ status: 'completed', email: null, decidedAt: '2026-12-07T10:00:00.000Z' }));
    await settle(fixture);
    expect(all('privacy-row')[0].getAttribute('data-status')).toBe('completed');
    expect(all('privacy-complete')).toHaveLength(0);
    expect(all('privacy-done')[0].textContent).toContain('erased');
  });

  it('refuses only with a reason', async () => {
    const { fixture, backend, element, all } = await render();
    backend.expectOne((r) => r.url === '/api/v1/privacy/requests').flush({ items: [request({})], nextCursor: null });
    await settle(fixture);
    all('privacy-refuse')[0].click();
    fixture.detectChanges();
    const dialog = element.querySelector('#privacy-refuse-dialog dialog') as HTMLDialogElement;
    (dialog.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    backend.expectNone('/api/v1/privacy/requests/r1/refuse');
    const input = dialog.querySelector('[data-testid="reason-input"]') as HTMLTextAreaElement;
    input.value = 'Scholarship audit';
    input.dispatchEvent(new Event('input'));
    (dialog.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const sent = backend.expectOne('/api/v1/privacy/requests/r1/refuse');
    expect(sent.request.body).toEqual({ reason: 'Scholarship audit' });
    sent.flush(request({ status: 'refused', refusalReason: 'Scholarship audit' }));
    await settle(fixture);
    expect(all('privacy-row')[0].textContent).toContain('Scholarship audit');
  });
});
