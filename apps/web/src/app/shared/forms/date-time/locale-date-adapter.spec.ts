import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import type { Locale } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../../testing/translations';
import { LanguageService } from '../../../core/i18n/language.service';
import { LOCALE_DATE_FORMATS, LocaleDateAdapter, provideLocaleDateInputs } from './locale-date-adapter';

const { dateInput, monthYearLabel, timeInput } = LOCALE_DATE_FORMATS.display;

async function adapterIn(locale: Locale) {
  TestBed.configureTestingModule({ providers: [provideTestTranslations(), provideLocaleDateInputs()] });
  const languages = TestBed.inject(LanguageService);
  await languages.use(locale);
  const adapter = TestBed.inject(DateAdapter) as LocaleDateAdapter;
  return { adapter, languages };
}

const SHOWN: Record<Locale, string> = { en: '3 Jan 2027', ms: '3 Jan 2027', th: '3 ม.ค. 2570', zh: '2027年1月3日' };

describe('LocaleDateAdapter', () => {
  it.each(Object.keys(SHOWN) as Locale[])('shows a day as %s writes it, and reads it back', async (locale) => {
    const { adapter } = await adapterIn(locale);
    const day = adapter.createDate(2027, 0, 3);
    expect(adapter.format(day, dateInput)).toBe(SHOWN[locale]);
    expect(adapter.sameDate(adapter.parse(SHOWN[locale]), day)).toBe(true);
  });

  it('round-trips Buddhist-era dates in Thai: what it shows, it reads as the same day', async () => {
    const { adapter } = await adapterIn('th');
    for (const [year, month, date] of [
      [2027, 0, 3],
      [2028, 1, 29],
      [2026, 11, 31],
      [1999, 5, 15],
    ]) {
      const day = adapter.createDate(year, month, date);
      const shown = adapter.format(day, dateInput);
      expect(shown).toContain(String(year + 543));
      expect(adapter.sameDate(adapter.parse(shown), day)).toBe(true);
    }
    expect(adapter.sameDate(adapter.parse('3/1/2570'), adapter.createDate(2027, 0, 3))).toBe(true);
    expect(adapter.format(adapter.parse('3/1/2570') as Date, dateInput)).toBe('3 ม.ค. 2570');
  });

  it('names months and years in the Buddhist era in the Thai calendar, and starts its weeks on Sunday', async () => {
    const { adapter } = await adapterIn('th');
    const day = adapter.createDate(2027, 0, 3);
    expect(adapter.format(day, monthYearLabel)).toBe('ม.ค. 2570');
    expect(adapter.getYearName(day)).toBe('2570');
    expect(adapter.getFirstDayOfWeek()).toBe(0);
    expect(adapter.getDateNames()[2]).toBe('3');
  });

  it('reads English and Malay numbers day first, and starts their weeks on Monday', async () => {
    const { adapter, languages } = await adapterIn('en');
    expect(adapter.toDay(adapter.parse('3/1/2027') as Date)).toEqual({ year: 2027, month: 1, day: 3 });
    expect(adapter.getFirstDayOfWeek()).toBe(1);
    await languages.use('ms');
    TestBed.tick();
    expect(adapter.toDay(adapter.parse('3/1/2027') as Date)).toEqual({ year: 2027, month: 1, day: 3 });
    expect(adapter.getFirstDayOfWeek()).toBe(1);
  });

  it('gives an invalid date for text that is no day, and nothing for no text', async () => {
    const { adapter } = await adapterIn('th');
    for (const text of ['31/2/2570', 'พรุ่งนี้', '3/13/2570'])
      expect(adapter.isValid(adapter.parse(text) as Date)).toBe(false);
    expect(adapter.parse('')).toBeNull();
  });

  it('writes and reads times on the 24-hour clock in every language', async () => {
    const { adapter, languages } = await adapterIn('en');
    for (const locale of ['en', 'zh', 'th', 'ms'] as const) {
      await languages.use(locale);
      TestBed.tick();
      const time = adapter.parseTime('14:30') as Date;
      expect([adapter.getHours(time), adapter.getMinutes(time)]).toEqual([14, 30]);
      expect(adapter.format(time, timeInput)).toBe('14:30');
      expect(adapter.format(adapter.setTime(time, 9, 5, 0), timeInput)).toBe('09:05');
    }
    expect(adapter.isValid(adapter.parseTime('25:00') as Date)).toBe(false);
  });

  it('follows a language switch at once: inputs and calendars hear of it and redraw', async () => {
    const { adapter, languages } = await adapterIn('en');
    const intl = TestBed.inject(MatDatepickerIntl);
    let redraws = 0;
    adapter.localeChanges.subscribe(() => redraws++);
    const day = adapter.createDate(2027, 0, 3);
    expect(adapter.format(day, dateInput)).toBe('3 Jan 2027');
    expect(intl.openCalendarLabel).toBe('Open calendar');
    await languages.use('th');
    TestBed.tick();
    expect(redraws).toBe(1);
    expect(adapter.format(day, dateInput)).toBe('3 ม.ค. 2570');
    expect(intl.openCalendarLabel).toBe('เปิดปฏิทิน');
  });
});
