import { Pipe, PipeTransform, inject } from '@angular/core';
import { formatCalendarDate, zonedDate } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { ViewerZone } from './viewer-zone';

/**
 * `{{ enrolment.createdAt | instantDate }}`: the day an instant fell on in the
 * viewer's own zone, as a calendar date (`3 Sep 2024`, `3 ก.ย. 2567`). For
 * record dates (applied, decided), where the time of day does not matter.
 * `{{ certificate.issuedAt | instantDate: certificate.timeZone }}` reads it in
 * that zone instead: the day a document states, the same for every reader.
 */
@Pipe({ name: 'instantDate', pure: false })
export class InstantDatePipe implements PipeTransform {
  private readonly languages = inject(LanguageService);
  private readonly viewer = inject(ViewerZone);

  transform(instant: string | null | undefined, zone?: string): string {
    if (!instant) return '';
    return formatCalendarDate(zonedDate(instant, zone ?? this.viewer.zone()), this.languages.current());
  }
}
