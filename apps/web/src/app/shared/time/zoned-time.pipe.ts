import { Pipe, PipeTransform, inject } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { LanguageService } from '../../core/i18n/language.service';
import { ViewerZone } from './viewer-zone';
import { zoneName } from './zone-name';
import { zonedTimeText } from './zoned-time';

/**
 * `{{ session.startsAt | zonedTime: program.timezone }}` → `09:00 GMT+8 · 08:00 your time (Indochina Time)`
 * (`'date'` as second argument adds the day, with its year). Never format session times by hand.
 */
@Pipe({ name: 'zonedTime', pure: false })
export class ZonedTimePipe implements PipeTransform {
  private readonly languages = inject(LanguageService);
  private readonly viewer = inject(ViewerZone);
  private readonly translate = inject(TranslateService);

  transform(instant: string | null | undefined, programZone: string, withDate?: 'date'): string {
    if (!instant) return '';
    const locale = this.languages.current();
    const text = zonedTimeText(instant, programZone, this.viewer.zone(), locale, withDate === 'date');
    if (!text.viewer) return text.program;
    const zone = zoneName(this.viewer.zone(), locale);
    return `${text.program} · ${this.translate.instant('time.yourTimeIn', { time: text.viewer, zone })}`;
  }
}
