import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PrivacyRequest } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ErasureSectionComponent } from '../profile/erasure-section.component';
import { ErasureRequestComponent } from './erasure-request.component';

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

const pending: PrivacyRequest = {
  id: 'r1',
  userId: 'u1',
  traineeId: 't1',
  email: 'siti@um.test',
  kind: 'erasure',
  keepCertificatesVerifiable: true,
  requestedAt: '2026-12-07T10:00:00.000Z',
  requestedBy: 'self',
  dueAt: '2027-01-06T10:00:00.000Z',
  status: 'pending',
  decidedAt: null,
  refusalReason: null,
};

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  fixture.detectChanges();
}

@Component({
  selector: 'sb-host',
  imports: [ErasureRequestComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sb-erasure-request [traineeId]="traineeId()" />`,
})
class TraineeHost {
  readonly traineeId = input<string | null>('t9');
}

async function render<T>(component: new () => T, locale: 'en' | 'th' | 'ms' = 'en') {
  TestBed.configureTestingModule({
    imports: [component],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
  });
  await TestBed.inject(LanguageService).use(locale);
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(component);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { fixture, backend, element, one };
}

describe('the erasure request', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('is a profile section reachable as #erasure that warns, asks to confirm, then shows the due date', async () => {
    const { fixture, backend, element, one } = await render(ErasureSectionComponent);
    expect(element.querySelector('section#erasure')).not.toBeNull();
    backend
      .expectOne('/api/v1/me/erasure-request')
      .flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(one('erasure-error')).toBeNull();
    expect(one('erasure-warning')?.textContent).toContain('cannot be undone');
    const keep = one('erasure-keep-certificates') as HTMLInputElement;
    expect(keep.checked).toBe(true);
    keep.click();
    fixture.detectChanges();

    one('erasure-submit')?.click();
    fixture.detectChanges();
    const dialog = element.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    // Nothing is sent before the confirmation.
    backend.expectNone('/api/v1/me/erasure-request');
    (dialog.querySelector('[data-testid="confirm-yes"]') as HTMLElement).click();
    const sent = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/v1/me/erasure-request');
    expect(sent.request.body).toEqual({ keepCertificatesVerifiable: false });
    sent.flush({ ...pending, keepCertificatesVerifiable: false });
    await settle(fixture);
    expect(one('erasure-pending')?.textContent).toContain('Jan 6, 2027');
    expect(one('erasure-pending')?.textContent).toContain('revoked');
    expect(one('erasure-submit')).toBeNull();
  });

  it('shows an open request in the reader’s calendar (Thai: Buddhist era)', async () => {
    const { fixture, backend, one } = await render(ErasureSectionComponent, 'th');
    backend.expectOne('/api/v1/me/erasure-request').flush(pending);
    await settle(fixture);
    expect(one('erasure-pending')?.textContent).toContain('2570');
    expect(one('erasure-submit')).toBeNull();
  });

  it('after a refusal, shows the reason and lets the person ask again', async () => {
    const { fixture, backend, one } = await render(ErasureSectionComponent, 'ms');
    backend.expectOne('/api/v1/me/erasure-request').flush({
      ...pending,
      status: 'refused',
      decidedAt: '2026-12-10T10:00:00.000Z',
      refusalReason: 'Rekod biasiswa',
    });
    await settle(fixture);
    expect(one('erasure-refused')?.textContent).toContain('Rekod biasiswa');
    expect(one('erasure-submit')?.textContent).toContain('Mohon pemadaman');
  });

  it('lets a partner ask for its trainee, and says why when a request is open already', async () => {
    const { fixture, backend, element, one } = await render(TraineeHost);
    await settle(fixture);
    backend.expectNone('/api/v1/me/erasure-request');
    expect(one('erasure-warning')?.textContent).toContain('trainee');
    one('erasure-submit')?.click();
    fixture.detectChanges();
    (element.querySelector('[data-testid="confirm-yes"]') as HTMLElement).click();
    backend
      .expectOne('/api/v1/trainees/t9/erasure-request')
      .flush(
        { code: 'PRIVACY_REQUEST_PENDING', status: 409, title: '', detail: '', type: 'about:blank' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle(fixture);
    expect(one('erasure-error')?.textContent).toContain('already waiting');
  });
});
