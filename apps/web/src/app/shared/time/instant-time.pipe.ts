import { Pipe, PipeTransform, inject } from '@angular/core';
import { formatZonedTime } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { ViewerZone } from './viewer-zone';

/**
 * `{{ savedAt | instantTime }}` → `10:42`: the time of day an instant fell on
 * in the viewer's own zone. For "saved at" notes about things that just
 * happened on this screen; session times use zonedTime / sb-zoned-range.
 */
@Pipe({ name: 'instantTime', pure: false })
export class InstantTimePipe implements PipeTransform {
  private readonly languages = inject(LanguageService);
  private readonly viewer = inject(ViewerZone);

  transform(instant: string | Date | null | undefined): string {
    if (!instant) return '';
    return formatZonedTime(instant, this.viewer.zone(), this.languages.current(), { zoneName: false });
  }
}
