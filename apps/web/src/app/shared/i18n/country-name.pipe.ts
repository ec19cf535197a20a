import { Pipe, PipeTransform, inject } from '@angular/core';
import { CountryNames } from './countries';

/** `{{ 'TH' | countryName }}` → Thailand / 泰国 / ไทย / Thailand. */
@Pipe({ name: 'countryName', pure: false })
export class CountryNamePipe implements PipeTransform {
  private readonly countries = inject(CountryNames);

  transform(code: string | null | undefined): string {
    return code ? this.countries.name(code) : '';
  }
}
