import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { DuplicatedProgram, Program, Session } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { clashLines, DuplicateProgramDialogComponent } from './duplicate-program-dialog.component';

const PROGRAM = {
  id: 'p1',
  code: 'LDN-2025',
  kind: 'camp',
  title: { en: 'London e-commerce camp' },
  deliveryMode: 'onsite',
  timezone: 'Europe/London',
  startDate: '2025-03-24',
  endDate: '2025-03-28',
  capacity: 40,
  status: 'completed',
} as unknown as Program;

const session = (id: string, title: string, instructors: { id: string; fullName: string }[]): Session =>
  ({
    id,
    programId: 'p1',
    title: { en: title },
    type: 'lecture',
    startsAt: '2026-03-24T09:00:00.000Z',
    endsAt: '2026-03-24T11:00:00.000Z',
    instructorIds: instructors.map((i) => i.id),
    instructors,
    status: 'scheduled',
  }) as Session;

const SOURCE = [session('s1', 'Opening lecture', [{ id: 'i1', fullName: 'Wang Fang' }])];
const copyOf = (clashes: DuplicatedProgram['clashes']): DuplicatedProgram =>
  ({ ...PROGRAM, id: 'p2', code: 'LDN-2026', startDate: '2026-03-23', status: 'draft', clashes }) as DuplicatedProgram;

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class DraftStub {}

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
}

async function render(language = 'en') {
  TestBed.configureTestingModule({
    imports: [DuplicateProgramDialogComponent],
    providers: [
      provideRouter([{ path: 'programs/:id', component: DraftStub }]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestTranslations(),
    ],
  });
  await TestBed.inject(LanguageService).use(language as 'en');
  const backend = TestBed.inject(HttpTestingController);
  const router = TestBed.inject(Router);
  const fixture = TestBed.createComponent(DuplicateProgramDialogComponent);
  fixture.componentRef.setInput('program', PROGRAM);
  fixture.componentRef.setInput('sessions', SOURCE);
  fixture.detectChanges();
  fixture.componentInstance.open();
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(testId: string) =>
    element.querySelector<T>(`[data-testid="${testId}"]`) as T;
  const typeCode = (code: string) => {
    const input = byTestId<HTMLInputElement>('duplicate-code');
    input.value = code;
    input.dispatchEvent(new Event('input'));
  };
  return { fixture, backend, element, byTestId, typeCode, router };
}

describe('DuplicateProgramDialogComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for a new code and a start date (a year later by default), then opens the new draft', async () => {
    const { fixture, backend, byTestId, typeCode, router } = await render();
    expect(byTestId('duplicate-dialog').textContent).toContain('Duplicate this program');
    expect(byTestId<HTMLInputElement>('duplicate-start').value).not.toBe('');
    typeCode(' ldn-2026 ');
    byTestId<HTMLButtonElement>('duplicate-confirm').click();
    const request = backend.expectOne('/api/v1/programs/p1/duplicate');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ code: 'LDN-2026', startDate: '2026-03-23' });
    request.flush(copyOf([]));
    await settle(fixture);
    expect(router.url).toBe('/programs/p2');
  });

  it('lists the instructors left off copied sessions, by name, before leading to the draft', async () => {
    const { fixture, backend, byTestId, typeCode, router } = await render();
    typeCode('LDN-2026');
    byTestId<HTMLButtonElement>('duplicate-confirm').click();
    backend
      .expectOne('/api/v1/programs/p1/duplicate')
      .flush(copyOf([{ sessionId: 'c1', instructorId: 'i1', clashingSessionId: 'x9' }]));
    await settle(fixture);
    backend.expectOne('/api/v1/programs/p2/sessions').flush([session('c1', 'Opening lecture', [])]);
    await settle(fixture);
    expect(router.url).toBe('/');
    const list = byTestId('duplicate-clashes');
    expect(list.querySelectorAll('li')).toHaveLength(1);
    expect(list.textContent).toContain('Wang Fang');
    expect(list.textContent).toContain('Opening lecture');
    expect(byTestId('duplicate-dialog').textContent).toContain('Draft LDN-2026 created');
    byTestId<HTMLButtonElement>('duplicate-open').click();
    await settle(fixture);
    expect(router.url).toBe('/programs/p2');
  });

  it('refuses a malformed code without asking the API, and shows a taken code by the field', async () => {
    const { fixture, backend, byTestId, element, typeCode } = await render();
    typeCode('no spaces!');
    byTestId<HTMLButtonElement>('duplicate-confirm').click();
    await settle(fixture);
    backend.expectNone('/api/v1/programs/p1/duplicate');
    expect(element.querySelector('#duplicate-code-error')?.textContent).not.toBe('');
    typeCode('LDN-2025');
    byTestId<HTMLButtonElement>('duplicate-confirm').click();
    backend.expectOne('/api/v1/programs/p1/duplicate').flush(
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: 'Another program already has this code.',
        code: 'PROGRAM_CODE_EXISTS',
        errors: [
          {
            field: 'code',
            code: 'PROGRAM_CODE_EXISTS',
            message: 'Another program already has this code.',
            messageKey: 'errors.PROGRAM_CODE_EXISTS.detail',
          },
        ],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(element.querySelector('#duplicate-code-error')?.textContent).toContain(
      'Another program already has this code.',
    );
    expect(byTestId('duplicate-error')).toBeNull();
  });

  it('says it in Thai too', async () => {
    const { byTestId } = await render('th');
    expect(byTestId('duplicate-dialog').textContent).toContain('ทำสำเนาโครงการนี้');
  });
});

describe('clashLines', () => {
  it('names the instructor from the source’s sessions, or by id when no session of it names them', () => {
    const copy = copyOf([
      { sessionId: 'c1', instructorId: 'i1', clashingSessionId: 'x9' },
      { sessionId: 'c2', instructorId: 'i7', clashingSessionId: 'x8' },
    ]);
    const copied = [session('c1', 'Opening lecture', [])];
    expect(clashLines(copy, copied, SOURCE)).toEqual([
      { instructor: 'Wang Fang', session: copied[0] },
      { instructor: 'i7', session: null },
    ]);
  });
});
