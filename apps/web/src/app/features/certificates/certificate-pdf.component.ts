import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { LOCALE_NATIVE_NAMES, type CertificateListEntry, type Locale } from '@skillbridge/contracts';
import { problemOfDownload } from '../../core/http/problem';
import { CertificatesApi } from './certificates.api';

/** The languages printed beside Chinese on a certificate. */
export const PDF_LANGUAGES: readonly Exclude<Locale, 'zh'>[] = ['en', 'th', 'ms'];

/** The second language a certificate's PDF offers first: the holder's, or English beside Chinese. */
export function defaultPdfLanguage(holderLocale: Locale): Exclude<Locale, 'zh'> {
  return holderLocale === 'zh' ? 'en' : holderLocale;
}

/** "Download PDF" with the choice of the language printed beside Chinese. */
@Component({
  selector: 'sb-certificate-pdf',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pdf">
      <label class="visually-hidden" [for]="'pdf-lang-' + certificate().id">{{
        'certificates.pdf.language' | translate
      }}</label>
      <select
        #lang
        [id]="'pdf-lang-' + certificate().id"
        data-testid="pdf-language"
        [value]="language()"
        (change)="language.set($any(lang.value))"
      >
        @for (option of languages; track option) {
          <option [value]="option" [selected]="option === language()">{{ names.zh }} + {{ names[option] }}</option>
        }
      </select>
      <button
        type="button"
        class="btn btn-secondary"
        data-testid="download-pdf"
        [disabled]="downloading()"
        (click)="download()"
      >
        {{ (downloading() ? 'certificates.pdf.downloading' : 'certificates.pdf.download') | translate }}
      </button>
    </div>
    @if (failure(); as code) {
      <p class="field-error" role="alert" data-testid="pdf-error">{{ 'errors.' + code | translate }}</p>
    }
  `,
  styles: `
    .pdf {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    select {
      width: auto;
      max-width: 100%;
    }
  `,
})
export class CertificatePdfComponent {
  private readonly api = inject(CertificatesApi);
  readonly certificate = input.required<Pick<CertificateListEntry, 'id' | 'serial' | 'holderLocale'>>();

  protected readonly languages = PDF_LANGUAGES;
  protected readonly names = LOCALE_NATIVE_NAMES;
  protected readonly language = linkedSignal<Locale>(() => defaultPdfLanguage(this.certificate().holderLocale));
  protected readonly downloading = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected async download(): Promise<void> {
    this.downloading.set(true);
    this.failure.set(null);
    try {
      await this.api.downloadPdf(this.certificate(), this.language());
    } catch (error) {
      this.failure.set((await problemOfDownload(error)).code);
    } finally {
      this.downloading.set(false);
    }
  }
}
