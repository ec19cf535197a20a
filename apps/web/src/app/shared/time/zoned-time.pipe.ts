import { Pipe, PipeTransform, inject } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { LanguageService } from '../../core/i18n/language.service';
import { ViewerZone } from './viewer-zone';
import { zonedTimeText } from './zoned-time';

/**
 * `{{ session.startsAt | zonedTime: program.timezone }}` → `09:00 GMT+8 · 08:00 your time`
 * (`'date'` as second argument adds the day, with its year). Never format session times by hand.
 */
@Pipe({ name: 'zonedTime', pure: false })
export class ZonedTimePipe implements PipeTransform {
  private readonly languages = inject(LanguageService);
  private readonly viewer = inject(ViewerZone);
  private readonly translate = inject(TranslateService);

  transform(instant: string | null | undefined, programZone: string, withDate?: 'date'): string {
    if (!instant) return '';
    const text = zonedTimeText(instant, programZone, this.viewer.zone(), this.languages.current(), withDate === 'date');
    return text.viewer
      ? `${text.program} · ${this.translate.instant('time.yourTime', { time: text.viewer })}`
      : text.program;
  }
}
