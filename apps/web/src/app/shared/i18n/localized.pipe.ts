import { Pipe, PipeTransform, inject } from '@angular/core';
import { resolveLocalizedText, type LocalizedText } from '@skillbridge/contracts';
import { LanguageService } from '../../core/i18n/language.service';

/** `{{ program.title | localized }}`: the viewer's language, then English, Chinese, whatever exists. */
@Pipe({ name: 'localized', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly languages = inject(LanguageService);

  transform(text: LocalizedText | null | undefined): string {
    return resolveLocalizedText(text, this.languages.current());
  }
}
