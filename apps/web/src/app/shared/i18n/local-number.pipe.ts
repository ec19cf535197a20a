import { Pipe, PipeTransform, inject } from '@angular/core';
import { INTL_LOCALES } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';

/**
 * `{{ score | localNumber }}` → `88.5`, `{{ rate | localNumber: 'percent' }}` → `75%` / `75 %`:
 * numbers as the viewer's language writes them (scores to two decimals, rates to one).
 */
@Pipe({ name: 'localNumber', pure: false })
export class LocalNumberPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(value: number | null | undefined, style: 'decimal' | 'percent' = 'decimal'): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '';
    return new Intl.NumberFormat(
      INTL_LOCALES[this.languages.current()],
      style === 'percent' ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 },
    ).format(value);
  }
}
