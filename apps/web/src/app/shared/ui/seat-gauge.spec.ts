import { TestBed } from '@angular/core/testing';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { seatGauge } from './seat-gauge';
import { SeatGaugeComponent } from './seat-gauge.component';

describe('seatGauge', () => {
  it('counts seats left and the share confirmed', () => {
    expect(seatGauge({ capacity: 30, confirmed: 12, waitlisted: 0, pending: 4 })).toEqual({
      capacity: 30,
      confirmed: 12,
      left: 18,
      waitlisted: 0,
      pending: 4,
      percent: 40,
      full: false,
    });
  });

  it('is full at capacity, and never shows negative seats when the capacity was lowered', () => {
    expect(seatGauge({ capacity: 1, confirmed: 1, waitlisted: 2, pending: 0 })).toMatchObject({
      left: 0,
      percent: 100,
      full: true,
      waitlisted: 2,
    });
    expect(seatGauge({ capacity: 10, confirmed: 12, waitlisted: 0, pending: 0 })).toMatchObject({
      left: 0,
      percent: 100,
      full: true,
    });
  });
});

describe('SeatGaugeComponent', () => {
  it('shows the numbers in the viewer’s language', async () => {
    TestBed.configureTestingModule({ imports: [SeatGaugeComponent], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).use('th');
    const fixture = TestBed.createComponent(SeatGaugeComponent);
    fixture.componentRef.setInput('seats', { capacity: 1, confirmed: 1, waitlisted: 3, pending: 2 });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const text = (id: string) => element.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
    expect(text('seat-confirmed-text')).toBe('ยืนยันแล้ว 1 จาก 1 ที่นั่ง');
    expect(text('seat-left')).toBe('เต็มแล้ว');
    expect(text('seat-waitlisted')).toBe('3');
    expect(text('seat-pending')).toBe('2');
    expect(element.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100');
  });
});
