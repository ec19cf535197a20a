import { Injectable, Provider, effect, inject } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MatDateFormats, NativeDateAdapter } from '@angular/material/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { TranslateService } from '@ngx-translate/core';
import { DEFAULT_LOCALE, type Locale } from '@skillbridge/contracts';
import { LanguageService } from '../../../core/i18n/language.service';
import {
  FIRST_DAY_OF_WEEK,
  INPUT_INTL_LOCALES,
  isoTime,
  parseDateText,
  parseTimeText,
  type CalendarDay,
} from './date-text';

/** What the inputs and the calendar show; times are written by hand (24-hour, two digits) below. */
export const LOCALE_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: null, timeInput: null },
  display: {
    dateInput: { day: 'numeric', month: 'short', year: 'numeric' },
    monthLabel: { month: 'short' },
    monthYearLabel: { month: 'short', year: 'numeric' },
    dateA11yLabel: { day: 'numeric', month: 'long', year: 'numeric' },
    monthYearA11yLabel: { month: 'long', year: 'numeric' },
    timeInput: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    timeOptionLabel: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  },
};

/**
 * Material's native-Date adapter, in the viewer's language and following its
 * switches: Thai dates in the Buddhist era, English day-first, 24-hour times,
 * and typed text read by the rules of date-text.ts. Dates are local midnight,
 * as NativeDateAdapter makes them; the inputs turn them into `YYYY-MM-DD`.
 */
@Injectable()
export class LocaleDateAdapter extends NativeDateAdapter {
  private language: Locale = DEFAULT_LOCALE;

  constructor() {
    super();
    const languages = inject(LanguageService);
    this.useLanguage(languages.current());
    effect(() => this.useLanguage(languages.current()));
  }

  /** Switches the words and the calendar; open inputs and calendars redraw in the new language. */
  useLanguage(language: Locale): void {
    if (language === this.language && this.locale === INPUT_INTL_LOCALES[language]) return;
    this.language = language;
    this.setLocale(INPUT_INTL_LOCALES[language]);
  }

  override getFirstDayOfWeek(): number {
    return FIRST_DAY_OF_WEEK[this.language];
  }

  /** Plain numbers in the calendar's cells (`3`, never `3日`). */
  override getDateNames(): string[] {
    return Array.from({ length: 31 }, (_, i) => String(i + 1));
  }

  /** The year alone (`2570` in Thai, never `พ.ศ. 2570` in every cell of the year view). */
  override getYearName(date: Date): string {
    const parts = new Intl.DateTimeFormat(this.locale, { year: 'numeric', timeZone: 'UTC' }).formatToParts(
      new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate())),
    );
    return parts.find((part) => part.type === 'year')?.value ?? super.getYearName(date);
  }

  override format(date: Date, displayFormat: object): string {
    if (this.isValid(date) && 'hour' in displayFormat && !('day' in displayFormat)) {
      return isoTime(date.getHours(), date.getMinutes());
    }
    return super.format(date, displayFormat);
  }

  /** Typed text in the viewer's language → that day; text that is no day → an invalid date (never a guess). */
  override parse(value: unknown): Date | null {
    if (value instanceof Date) return this.clone(value);
    if (typeof value === 'number') return new Date(value);
    if (typeof value !== 'string' || value.trim() === '') return null;
    const day = parseDateText(value, this.language);
    return day ? this.fromDay(day) : this.invalid();
  }

  override parseTime(value: unknown): Date | null {
    if (value instanceof Date) return this.clone(value);
    if (typeof value !== 'string' || value.trim() === '') return null;
    const time = parseTimeText(value);
    return time ? this.setTime(this.today(), time[0], time[1], 0) : this.invalid();
  }

  fromDay({ year, month, day }: CalendarDay): Date {
    return this.createDate(year, month - 1, day);
  }

  toDay(date: Date): CalendarDay {
    return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
  }
}

const INTL_KEYS = [
  'calendarLabel',
  'openCalendarLabel',
  'closeCalendarLabel',
  'prevMonthLabel',
  'nextMonthLabel',
  'prevYearLabel',
  'nextYearLabel',
  'prevMultiYearLabel',
  'nextMultiYearLabel',
  'switchToMonthViewLabel',
  'switchToMultiYearViewLabel',
] as const;

/** The calendar's button labels for screen readers, in the viewer's language (`dateInput.calendar.*`). */
@Injectable()
export class LocaleDatepickerIntl extends MatDatepickerIntl {
  private readonly translate = inject(TranslateService);

  constructor() {
    super();
    const languages = inject(LanguageService);
    effect(() => {
      languages.current();
      this.update();
    });
  }

  private update(): void {
    for (const key of INTL_KEYS) this[key] = this.translate.instant(`dateInput.calendar.${key}`);
    this.changes.next();
  }
}

/** The adapter, formats and words the date and time inputs use; given by each input, so Material loads with them. */
export function provideLocaleDateInputs(): Provider[] {
  return [
    { provide: DateAdapter, useClass: LocaleDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: LOCALE_DATE_FORMATS },
    { provide: MatDatepickerIntl, useClass: LocaleDatepickerIntl },
  ];
}
