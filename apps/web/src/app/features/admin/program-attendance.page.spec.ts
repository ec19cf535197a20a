import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Program, Session } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { ProgramAttendancePage } from './program-attendance.page';

const PROGRAM = {
  id: 'p1',
  code: 'TRPC-TH-2025',
  title: { en: 'Chinese language and culture' },
  timezone: 'Asia/Shanghai',
  startDate: '2025-03-04',
  endDate: '2025-03-06',
  status: 'published',
} as unknown as Program;
const session = (id: string, title: string, extra: Partial<Session> = {}): Session => ({
  id,
  programId: 'p1',
  title: { en: title },
  type: 'lecture',
  startsAt: '2025-03-05T01:00:00.000Z',
  endsAt: '2025-03-05T03:00:00.000Z',
  instructorIds: [],
  instructors: [],
  status: 'scheduled',
  ...extra,
});

describe('ProgramAttendancePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('strikes a cancelled session through beside the word and its reason, with no register to take', async () => {
    TestBed.configureTestingModule({
      imports: [ProgramAttendancePage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    await TestBed.inject(LanguageService).use('en');
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ProgramAttendancePage);
    fixture.componentRef.setInput('id', 'p1');
    fixture.detectChanges();
    backend.expectOne('/api/v1/programs/p1').flush(PROGRAM);
    backend
      .expectOne('/api/v1/programs/p1/sessions')
      .flush([
        session('s1', 'Tea culture', { status: 'cancelled', cancelledReason: 'Typhoon warning' }),
        session('s2', 'Calligraphy'),
      ]);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const [cancelled, scheduled] = [
      ...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="admin-session"]'),
    ];
    expect(cancelled.querySelector('strong')?.classList).toContain('session-struck');
    expect(cancelled.querySelector('.hint')?.classList).toContain('session-struck');
    expect(cancelled.querySelector('.badge-cancelled')?.textContent?.trim()).toBe('Cancelled');
    expect(cancelled.querySelector('[data-testid="session-cancelled-reason"]')?.textContent?.trim()).toBe(
      'Cancelled: Typhoon warning',
    );
    expect(cancelled.querySelector('[data-testid="admin-take-attendance"]')).toBeNull();
    expect(scheduled.querySelector('strong')?.classList).not.toContain('session-struck');
    expect(scheduled.querySelector('[data-testid="admin-take-attendance"]')).not.toBeNull();
  });
});
