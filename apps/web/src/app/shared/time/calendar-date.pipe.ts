import { Pipe, PipeTransform, inject } from '@angular/core';
import { formatCalendarDate } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';

/** `{{ program.startDate | calendarDate }}` → `Sep 3, 2024` / `2024年9月3日` / `3 ก.ย. 2567` / `3 Sep 2024`. */
@Pipe({ name: 'calendarDate', pure: false })
export class CalendarDatePipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(date: string | null | undefined, style: 'short' | 'long' = 'short'): string {
    if (!date) return '';
    return formatCalendarDate(
      date,
      this.languages.current(),
      style === 'long' ? { weekday: 'long', month: 'long' } : {},
    );
  }
}
