import { TestBed } from '@angular/core/testing';
import type { Seats } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { seatGauge } from './seat-gauge';
import { SeatGaugeComponent } from './seat-gauge.component';

const seats = (s: Omit<Seats, 'available' | 'scope' | 'nominated'> & Partial<Seats>): Seats => ({
  available: Math.max(0, s.capacity - s.confirmed),
  scope: 'program',
  nominated: 0,
  ...s,
});

describe('seatGauge', () => {
  it('counts seats left and the share taken', () => {
    expect(seatGauge(seats({ capacity: 30, confirmed: 12, waitlisted: 0, pending: 4 }))).toEqual({
      capacity: 30,
      taken: 12,
      left: 18,
      scope: 'program',
      confirmed: 12,
      waitlisted: 0,
      pending: 4,
      nominated: 0,
      percent: 40,
      open: true,
      full: false,
    });
  });

  it('is full at capacity, and never shows negative seats when the capacity was lowered', () => {
    expect(seatGauge(seats({ capacity: 1, confirmed: 1, waitlisted: 2, pending: 0 }))).toMatchObject({
      left: 0,
      percent: 100,
      full: true,
      waitlisted: 2,
    });
    expect(seatGauge(seats({ capacity: 10, confirmed: 12, waitlisted: 0, pending: 0, available: 0 }))).toMatchObject({
      left: 0,
      percent: 100,
      full: true,
    });
  });

  it('has no seats left, and is not full, once the program no longer takes anyone', () => {
    // A completed program's counters are freed: never "300 left" on it.
    expect(seatGauge(seats({ capacity: 300, confirmed: 0, waitlisted: 0, pending: 0 }), 'completed')).toMatchObject({
      open: false,
      left: 0,
      full: false,
    });
  });

  it('takes a partner’s own counts as they come, beside the program’s free seats', () => {
    const own: Seats = { capacity: 40, available: 0, scope: 'institution', confirmed: 0, waitlisted: 0, pending: 6 };
    expect(seatGauge(own)).toMatchObject({ taken: 40, left: 0, full: true, confirmed: 0, waitlisted: 0, pending: 6 });
  });
});

describe('SeatGaugeComponent', () => {
  async function render(value: Seats, locale: 'th' | 'en' = 'th') {
    TestBed.configureTestingModule({ imports: [SeatGaugeComponent], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).use(locale);
    const fixture = TestBed.createComponent(SeatGaugeComponent);
    fixture.componentRef.setInput('seats', value);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return {
      element,
      text: (id: string) => element.querySelector(`[data-testid="${id}"]`)?.textContent?.trim(),
    };
  }

  it('shows the numbers in the viewer’s language', async () => {
    const { element, text } = await render(seats({ capacity: 1, confirmed: 1, waitlisted: 3, pending: 2 }));
    expect(text('seat-confirmed-text')).toBe('ยืนยันแล้ว 1 จาก 1 ที่นั่ง');
    expect(text('seat-left')).toBe('เต็มแล้ว');
    expect(text('seat-waitlisted')).toBe('3');
    expect(text('seat-pending')).toBe('2');
    expect(element.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100');
  });

  it('says a partner’s counts are its own institution’s, and the program’s only as seats taken', async () => {
    const { text } = await render(
      { capacity: 40, available: 0, scope: 'institution', confirmed: 0, waitlisted: 0, pending: 6, nominated: 0 },
      'en',
    );
    expect(text('seat-confirmed-text')).toBe('40 of 40 seats taken');
    expect(text('seat-own')).toBe('Your institution’s trainees in this program:');
    expect(text('seat-confirmed')).toBe('0');
    expect(text('seat-waitlisted')).toBe('0');
    expect(text('seat-pending')).toBe('6');
    expect(text('seat-nominated')).toBeUndefined();
  });

  it('counts the nominations awaiting the host once there are some', async () => {
    const { text } = await render(seats({ capacity: 20, confirmed: 3, waitlisted: 0, pending: 1, nominated: 2 }), 'en');
    expect(text('seat-pending')).toBe('1');
    expect(text('seat-nominated')).toBe('2');
  });
});
