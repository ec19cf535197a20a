import { Pipe, PipeTransform, inject } from '@angular/core';
import { LanguageService } from '../../core/i18n/language.service';
import { zoneName } from './zone-name';

/** `{{ program.timezone | zoneName }}` → `China Standard Time` / `中国标准时间` / `เวลามาตรฐานจีน` / `Waktu Piawai China`. */
@Pipe({ name: 'zoneName', pure: false })
export class ZoneNamePipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(timeZone: string | null | undefined): string {
    return timeZone ? zoneName(timeZone, this.languages.current()) : '';
  }
}
