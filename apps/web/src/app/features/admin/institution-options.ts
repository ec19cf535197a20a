import { computed, inject, Injectable, signal } from '@angular/core';
import { resolveLocalizedText, type Institution } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { HTML_LANG, LanguageService } from '../../core/i18n/language.service';
import { AdminApi } from './admin.api';

/** Every institution once (the API's largest page), named in the viewer's language: for pickers and lists. */
@Injectable({ providedIn: 'root' })
export class InstitutionOptions {
  private readonly api = inject(AdminApi);
  private readonly languages = inject(LanguageService);
  private readonly all = signal<Institution[]>([]);
  private loading: Promise<void> | null = null;

  readonly options = computed(() => {
    const locale = this.languages.current();
    const collator = new Intl.Collator(HTML_LANG[locale]);
    return this.all()
      .map((institution) => ({
        id: institution.id,
        kind: institution.kind,
        name: resolveLocalizedText(institution.name, locale),
      }))
      .sort((a, b) => collator.compare(a.name, b.name));
  });

  private readonly byId = computed(() => new Map(this.options().map((option) => [option.id, option.name])));

  load(): Promise<void> {
    this.loading ??= firstValueFrom(this.api.institutions({ limit: 200 })).then(
      (page) => this.all.set(page.items),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  name(id: string): string {
    return this.byId().get(id) ?? '';
  }
}
