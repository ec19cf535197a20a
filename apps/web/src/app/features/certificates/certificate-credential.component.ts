import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { resolveLocalizedText, type CertificateListEntry } from '@skillbridge/contracts';
import { problemOfDownload } from '../../core/http/problem';
import { LanguageService } from '../../core/i18n/language.service';
import { CertificatesApi } from './certificates.api';
import { credentialUrl, linkedInAddToProfileUrl } from './credential-links';
import { verificationUrl } from './verification-link';

/**
 * The certificate as a digital credential (Open Badges 3.0, signed by its
 * host institution): download the file, copy its address, or add the
 * certification to LinkedIn — only while it is in force: a revoked or
 * replaced certificate can still be downloaded (its status list says
 * revoked), but is not offered to a profile.
 */
@Component({
  selector: 'sb-certificate-credential',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="actions">
      <button
        type="button"
        class="btn btn-secondary"
        data-testid="download-credential"
        [disabled]="downloading()"
        (click)="download()"
      >
        {{ (downloading() ? 'certificates.credential.downloading' : 'certificates.credential.download') | translate }}
      </button>
      <button type="button" class="btn btn-secondary" data-testid="copy-credential-link" (click)="copy()">
        {{ 'certificates.credential.copy' | translate }}
      </button>
      @if (linkedIn(); as href) {
        <a
          class="btn btn-secondary"
          [href]="href"
          target="_blank"
          rel="noopener noreferrer"
          data-testid="add-to-linkedin"
          >{{ 'certificates.credential.linkedIn' | translate }}
          <span class="visually-hidden">{{ 'certificates.credential.newTab' | translate }}</span></a
        >
      }
    </div>
    @if (failure(); as code) {
      <p class="field-error" role="alert" data-testid="credential-error">{{ 'errors.' + code | translate }}</p>
    }
    @if (copied(); as ok) {
      <p class="hint" role="status" data-testid="credential-copy-result">
        @if (ok === 'yes') {
          {{ 'certificates.credential.copied' | translate }}
        } @else {
          {{ 'certificates.credential.copyByHand' | translate }}
          <input
            #field
            type="text"
            readonly
            [value]="link()"
            [attr.aria-label]="'certificates.credential.copy' | translate"
            data-testid="credential-link"
            (focus)="field.select()"
          />
        }
      </p>
    }
  `,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    input {
      display: block;
      margin-top: 0.35rem;
      font-size: 0.9rem;
    }
  `,
})
export class CertificateCredentialComponent {
  private readonly api = inject(CertificatesApi);
  private readonly document = inject(DOCUMENT);
  private readonly languages = inject(LanguageService);

  readonly certificate =
    input.required<
      Pick<
        CertificateListEntry,
        | 'id'
        | 'serial'
        | 'status'
        | 'verificationCode'
        | 'programTitle'
        | 'issuer'
        | 'issuedAt'
        | 'timeZone'
        | 'validUntil'
      >
    >();

  protected readonly downloading = signal(false);
  protected readonly failure = signal<string | null>(null);
  /** Whether the link was just copied ('yes') or must be copied by hand ('no'). */
  protected readonly copied = signal<'yes' | 'no' | null>(null);

  protected readonly link = computed(() => credentialUrl(this.certificate().id, this.document.location.origin));

  /** Offered while the certificate is in force; its name and issuer in the language the trainee reads. */
  protected readonly linkedIn = computed(() => {
    const certificate = this.certificate();
    if (certificate.status !== 'issued') return null;
    const locale = this.languages.current();
    return linkedInAddToProfileUrl({
      name: resolveLocalizedText(certificate.programTitle, locale),
      organizationName: resolveLocalizedText(certificate.issuer.name, locale),
      issuedAt: certificate.issuedAt,
      timeZone: certificate.timeZone,
      validUntil: certificate.validUntil,
      verifyUrl: verificationUrl(certificate.verificationCode, this.document.location.origin),
      serial: certificate.serial,
    });
  });

  protected async download(): Promise<void> {
    this.downloading.set(true);
    this.failure.set(null);
    try {
      await this.api.downloadCredential(this.certificate());
    } catch (error) {
      this.failure.set((await problemOfDownload(error)).code);
    } finally {
      this.downloading.set(false);
    }
  }

  protected async copy(): Promise<void> {
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(this.link());
      this.copied.set('yes');
    } catch {
      // No clipboard permission (or an old browser): the link is shown to copy by hand.
      this.copied.set('no');
    }
  }
}
